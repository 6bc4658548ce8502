// A project as get_projects answers one, for tests that put a project into the mirror's store by hand.
import type { Project } from '../../worksection/schemas/projects.js';

export function projectAnswer(id: string, name: string, company = ''): Project {
  return {
    id,
    name,
    page: `/project/${id}/`,
    status: 'active',
    company,
    user_from: { id: '1', email: 'owner@example.com', name: 'Owner' },
    user_to: { id: '1', email: 'owner@example.com', name: 'Owner' },
    date_added: '2026-03-01 09:00',
  } as Project;
}
