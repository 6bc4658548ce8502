// Word lists for people and companies. Kept small on purpose: the desktop app ships them.

// prettier-ignore
export const FIRST_NAMES = [
  'Henry', 'Kate', 'Frank', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia',
  'Daniel', 'Chloe', 'Mateo', 'Grace', 'Oscar', 'Ella', 'Leo', 'Hannah', 'Adam', 'Zoe', 'Victor', 'Nina',
  'Samuel', 'Clara', 'Arthur', 'Julia', 'Felix', 'Laura', 'Max', 'Alice', 'Hugo', 'Irene', 'Ivan', 'Maya',
  'Tom', 'Rosa', 'Dmitri', 'Lena', 'Omar', 'Sara', 'Paul', 'Eva', 'Jonas', 'Anna', 'Marco', 'Nora',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Gardner', 'Greenway', 'Harper', 'Bennett', 'Collins', 'Fischer', 'Novak', 'Moreau', 'Silva', 'Kowalski',
  'Turner', 'Walsh', 'Hughes', 'Lindqvist', 'Romero', 'Petrov', 'Becker', 'Dubois', 'Costa', 'Jensen',
  'Murphy', 'Reyes', 'Schmidt', 'Rossi', 'Keller', 'Brooks', 'Ward', 'Bauer', 'Hart', 'Young', 'Fox',
  'Lambert', 'Marsh', 'Nowak', 'Olsen', 'Price', 'Quinn', 'Russo', 'Stone', 'Vega', 'Weber', 'Shevchenko',
] as const;

/** Names of client companies and contact organisations; the first word makes the mail domain. */
// prettier-ignore
export const CLIENT_COMPANIES = [
  'Singing Bird', 'Northwind Traders', 'Blue Harbor Foods', 'Greenleaf Dental', 'Atlas Logistics',
  'Copper Kettle Cafe', 'Brightside Realty', 'Maple & Co', 'Orbit Fitness', 'Silverline Travel',
  'Redwood Furniture', 'Lumen Optics', 'Harborview Hotel', 'Quartz Labs', 'Fable Books', 'Nimbus Energy',
  'Pioneer Insurance', 'Velvet Cosmetics', 'Summit Outdoor', 'Tidewater Bank', 'Juniper Schools',
  'Crescent Pharmacy', 'Falcon Motors', 'Meadow Dairy', 'Beacon Legal', 'Ironwood Builders',
  'Sparrow Kids', 'Golden Gate Wines', 'Polar Ice Rinks', 'Riverstone Clinic', 'Urban Bikes',
] as const;

// prettier-ignore
export const SUPPLIERS = [
  'PrintHub', 'PixelStock', 'CloudNest Hosting', 'Swift Couriers', 'Paperwise Office', 'StudioLight Rentals',
  'Translate Pro', 'Metro Event Venues',
] as const;

/** Own company names; the first word makes the team's mail domain. */
// prettier-ignore
export const OWN_COMPANIES = [
  'Brightline Studio', 'Kestrel Digital', 'Tallwood Agency', 'Bluefin Works', 'Cobalt Creative',
  'Lighthouse Media', 'Northstar Labs', 'Oakridge Consulting',
] as const;

/** A job title and the department that job sits in. */
export type Job = readonly [title: string, department: string];

export interface Department {
  group: string;
  jobs: readonly Job[];
}

/** Own-team groups (client: 0) with their jobs; the first is management. */
// prettier-ignore
export const DEPARTMENTS: readonly Department[] = [
  { group: 'Management', jobs: [['Project manager', 'Operations'], ['Account manager', 'Client services'], ['Delivery lead', 'Operations']] },
  { group: 'Development', jobs: [['Frontend developer', 'Frontend'], ['Backend developer', 'Backend'], ['QA engineer', 'QA'], ['DevOps engineer', 'Backend'], ['Mobile developer', 'Mobile']] },
  { group: 'Design', jobs: [['UI designer', 'UI/UX'], ['UX researcher', 'UI/UX'], ['Graphic designer', 'Brand'], ['Illustrator', 'Brand']] },
  { group: 'Marketing', jobs: [['Marketing manager', 'Performance'], ['SEO specialist', 'Performance'], ['Copywriter', 'Content'], ['SMM specialist', 'Content']] },
  { group: 'Sales', jobs: [['Sales manager', 'Inbound'], ['Business developer', 'Key accounts']] },
  { group: 'Finance', jobs: [['Accountant', 'Accounting'], ['Financial analyst', 'Accounting']] },
  { group: 'HR', jobs: [['HR manager', 'People'], ['Recruiter', 'Recruiting']] },
  { group: 'Support', jobs: [['Support specialist', 'Tier 1'], ['Support lead', 'Tier 2']] },
];

export const ADMIN_TITLES = ['CTO', 'Head of delivery', 'Operations director', 'Creative director'] as const;

// prettier-ignore
export const CLIENT_TITLES = [
  'Marketing director', 'Product owner', 'Brand manager', 'Procurement lead', 'CEO', 'Head of sales',
  'Office manager', 'IT manager',
] as const;

// prettier-ignore
export const CONTACT_TITLES = [
  'Account manager', 'Procurement lead', 'Freelance photographer', 'Printing manager', 'Lawyer',
  'Translator', 'Event coordinator', 'Sales representative', 'Journalist', 'Investor relations',
] as const;

export const CONTACT_FOLDERS = [
  'Clients',
  'Suppliers',
  'Partners',
  'Freelancers',
  'Press',
  'Investors',
] as const;

// prettier-ignore
export const STREETS = [
  'Baker Street', 'Maple Avenue', 'Harbour Road', 'King Street', 'Station Square', 'Elm Lane', 'Mill Road',
  'Park Avenue', 'Church Street', 'Bridge Street',
] as const;

// prettier-ignore
export const CITIES = [
  'Boston, MA 02108', 'London EC1A 1BB', 'Berlin 10115', 'Kyiv 01001', 'Lisbon 1100-148', 'Warsaw 00-001',
  'Austin, TX 73301', 'Toronto, ON M5H 2N2', 'Dublin D02 X285', 'Prague 110 00',
] as const;
