// Word lists for projects and tasks, grouped by the kind of work a project is about. Task names are
// built as verb + object inside one cluster, so every combination reads as a real task.

/** Verbs and objects that combine into task names ("Design" + "pricing page"). */
export type Cluster = readonly [verbs: readonly string[], objects: readonly string[]];

export interface Theme {
  /** Project folder the theme's projects live in. */
  folder: string;
  /** Whether projects of this theme are usually done for a client company. */
  client: boolean;
  projects: readonly string[];
  descriptions: readonly string[];
  clusters: readonly Cluster[];
  /** Subtask names. */
  steps: readonly string[];
}

// prettier-ignore
export const THEMES: readonly Theme[] = [
  {
    folder: 'Web development',
    client: true,
    projects: ['Website redesign', 'Customer portal', 'Online store launch', 'Blog migration', 'Landing pages'],
    descriptions: [
      'Full redesign of the public website: new structure, visual style and a faster CMS.',
      'Self-service portal where customers see orders, invoices and support tickets.',
      'Launch of the online store with payments, delivery options and a product catalogue.',
    ],
    clusters: [
      [['Design', 'Review', 'Update', 'Polish'], ['homepage hero section', 'pricing page', 'footer navigation', 'blog layout', 'contact form', 'checkout flow']],
      [['Fix', 'Investigate', 'Reproduce'], ['login redirect loop', 'broken images on mobile', 'slow search results', 'checkout validation error', 'cookie banner overlap']],
      [['Implement', 'Test', 'Deploy'], ['product filters', 'newsletter signup', 'password reset', 'sitemap generation', 'analytics events', 'image lazy loading']],
      [['Write', 'Proofread', 'Translate'], ['About us copy', 'FAQ section', 'privacy policy page', 'product descriptions']],
    ],
    steps: ['Wireframes', 'Visual design', 'Frontend markup', 'Backend integration', 'Code review', 'QA check', 'Deploy to staging', 'Client sign-off'],
  },
  {
    folder: 'Mobile',
    client: true,
    projects: ['Mobile app 2.0', 'iOS app release', 'Loyalty app', 'Delivery tracking app'],
    descriptions: [
      'Second major version of the mobile app: offline mode, new onboarding and push notifications.',
      'Native app for iOS and Android with loyalty cards and personal offers.',
    ],
    clusters: [
      [['Implement', 'Refactor', 'Test'], ['push notifications', 'offline sync', 'onboarding screens', 'in-app purchases', 'dark mode', 'deep links']],
      [['Fix', 'Investigate'], ['crash on Android 12', 'slow startup time', 'login with Apple ID', 'missing translations']],
      [['Prepare', 'Submit', 'Update'], ['App Store screenshots', 'release notes', 'Google Play listing', 'beta build for testers']],
    ],
    steps: ['Spec', 'UI design', 'iOS implementation', 'Android implementation', 'Unit tests', 'Beta testing', 'Store review'],
  },
  {
    folder: 'Marketing',
    client: false,
    projects: ['Q3 marketing campaign', 'Product launch', 'Social media calendar', 'Trade show booth', 'Spring promo'],
    descriptions: [
      'Campaign across email, social and paid search to grow qualified leads this quarter.',
      'Everything we need for the launch: messaging, press kit, ads and the launch event.',
    ],
    clusters: [
      [['Prepare', 'Approve', 'Schedule'], ['newsletter for October', 'Instagram posts', 'LinkedIn article', 'press release', 'webinar invitation']],
      [['Analyse', 'Report on', 'Review'], ['ad campaign results', 'landing page conversion', 'email open rates', 'competitor pricing']],
      [['Order', 'Design', 'Brief agency on'], ['roll-up banners', 'branded t-shirts', 'booth graphics', 'promo video']],
    ],
    steps: ['Brief', 'Draft', 'Internal review', 'Legal check', 'Final approval', 'Publish'],
  },
  {
    folder: 'Finance',
    client: false,
    projects: ['Q3 budget review', 'Annual audit preparation', 'Expense policy update', 'Pricing model 2025'],
    descriptions: [
      'Review of department budgets against actuals, with a forecast for the rest of the year.',
      'Collecting documents and reconciliations for the external auditors.',
    ],
    clusters: [
      [['Prepare', 'Review', 'Check'], ['Q3 budget', 'marketing spend report', 'vendor invoices', 'payroll', 'cash flow forecast']],
      [['Prepare', 'Present'], ['Q3 budget review', 'board presentation', 'forecast for next year']],
      [['Collect', 'Send', 'Approve'], ['signed contracts', 'bank statements', 'expense reports', 'tax documents']],
    ],
    steps: ['Collect data', 'Draft numbers', 'Check with department heads', 'CFO review', 'Send to board'],
  },
  {
    folder: 'Internal',
    client: false,
    projects: ['Hiring: senior backend developer', 'Onboarding program', 'Team offsite', 'Office move', 'Knowledge base'],
    descriptions: [
      'Find and hire a senior backend developer by the end of the quarter.',
      'Organise the autumn team offsite: venue, travel, agenda and workshops.',
      'Internal knowledge base with processes, templates and how-tos.',
    ],
    clusters: [
      [['Schedule', 'Prepare', 'Hold'], ['interviews with candidates', 'onboarding session', 'team retrospective', 'workshop on estimates']],
      [['Book', 'Compare offers for', 'Confirm'], ['venue for offsite', 'flights and hotels', 'catering', 'new office furniture']],
      [['Write', 'Update', 'Review'], ['job description', 'onboarding checklist', 'vacation policy', 'security guidelines', 'how-to for time tracking']],
    ],
    steps: ['Collect requirements', 'Shortlist options', 'Get approval', 'Book', 'Announce to the team'],
  },
  {
    folder: 'Infrastructure',
    client: false,
    projects: ['Cloud migration', 'Security audit', 'Office network upgrade', 'Backup strategy'],
    descriptions: [
      'Move the production services to the new cloud provider with zero downtime.',
      'Yearly security audit: access review, dependency updates and a penetration test.',
    ],
    clusters: [
      [['Set up', 'Migrate', 'Monitor'], ['staging environment', 'database replicas', 'CI pipeline', 'log aggregation', 'uptime alerts']],
      [['Review', 'Audit', 'Document'], ['access rights', 'API keys', 'firewall rules', 'backup restore procedure']],
    ],
    steps: ['Plan', 'Dry run', 'Migration', 'Verification', 'Rollback plan', 'Post-mortem'],
  },
  {
    folder: 'Branding',
    client: true,
    projects: ['Brand identity', 'Annual report design', 'Packaging redesign', 'Rebranding'],
    descriptions: [
      'New brand identity: logo, colours, typography and a short brand book.',
      'Design and layout of the annual report, print and interactive PDF.',
    ],
    clusters: [
      [['Sketch', 'Present', 'Refine'], ['logo concepts', 'colour palette', 'typography options', 'business cards', 'packaging mock-ups']],
      [['Prepare', 'Send', 'Discuss'], ['moodboard', 'brand book draft', 'print-ready files', 'feedback summary']],
    ],
    steps: ['Research', 'Concepts', 'Client presentation', 'Revisions', 'Final files'],
  },
  {
    folder: 'Support',
    client: false,
    projects: ['Help center rewrite', 'Support tooling', 'Customer feedback program'],
    descriptions: [
      'Rewrite the help center articles for the new product version and add video guides.',
      'Better tools for the support team: macros, SLA reports and a chatbot for simple questions.',
    ],
    clusters: [
      [['Write', 'Update', 'Review'], ['getting started guide', 'billing FAQ', 'troubleshooting article', 'release notes']],
      [['Record', 'Edit'], ['video tutorial', 'product demo']],
      [['Set up', 'Configure', 'Review'], ['ticket macros', 'SLA report', 'chatbot answers', 'satisfaction survey']],
    ],
    steps: ['Outline', 'First draft', 'Screenshots', 'Peer review', 'Publish'],
  },
];

/** Tasks that turn up in any project. */
// prettier-ignore
export const COMMON_TASKS: readonly Cluster[] = [
  [['Hold', 'Prepare for', 'Reschedule'], ['kick-off meeting', 'weekly status call', 'risk review', 'retrospective']],
  [['Prepare', 'Update', 'Send'], ['project plan', 'budget estimate', 'status report']],
];

/** Sub-subtask names: the small chores of a subtask. */
// prettier-ignore
export const MICRO_STEPS = ['Check on mobile', 'Update screenshots', 'Fix typos', 'Ask legal for approval', 'Send to client', 'Collect feedback', 'Update the estimate', 'Double-check numbers', 'Attach final files', 'Notify the team'] as const;

/** Suffixes that keep repeated task names apart in big projects. */
// prettier-ignore
export const TASK_SUFFIXES = ['', '', '', '', ' (v2)', ' for iOS', ' for Android', ' — round 2', ' — follow-up', ' (urgent)'] as const;

// prettier-ignore
export const PROJECT_SUFFIXES = [' 2.0', ' — phase 2', ' 2025', ' (pilot)', ' EU', ' US', ' — retainer'] as const;
