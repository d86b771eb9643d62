/**
 * The demo identity data: one org, its people and teams. Plain data only — response shapes are
 * built from it in github/shapes.ts. Team slugs match `teamRoles` in flightdeck.config.yaml, and
 * there is one person for every role plus an outsider, so every sign-in journey can be walked.
 */
export type OrgRole = "admin" | "member";
export type TeamRole = "member" | "maintainer";

export interface DemoUser {
  login: string;
  id: number;
  name: string;
  /** The public email; GitHub returns null when a person keeps it private, and the app must cope. */
  email: string | null;
  company: string | null;
  location: string | null;
  bio: string | null;
  createdAt: string;
  /** Role in the org, or null for someone outside it. */
  orgRole: OrgRole | null;
  /** What this person is for in the demo; shown on the sign-in page. */
  hint: string;
}

export interface DemoTeam {
  slug: string;
  id: number;
  name: string;
  description: string;
  createdAt: string;
  members: { login: string; role: TeamRole }[];
}

export interface DemoOrg {
  login: string;
  id: number;
  name: string;
  description: string;
  email: string | null;
  blog: string | null;
  location: string | null;
  createdAt: string;
}

export const DEMO_ORG: DemoOrg = {
  login: "skyward",
  id: 91_400_217,
  name: "Skyward Labs",
  description: "Builds Wumbo, DreamCatchr and Beacon. Demo organisation of the Flightdeck sandbox.",
  email: "platform@skyward.example",
  blog: "https://skyward.example",
  location: "Remote",
  createdAt: "2019-03-11T09:24:51Z",
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    login: "ada",
    id: 5_830_101,
    name: "Ada Okafor",
    email: "ada@skyward.example",
    company: "@skyward",
    location: "Lagos",
    bio: "Platform engineering. Keeper of the pipelines.",
    createdAt: "2014-05-02T11:02:13Z",
    orgRole: "admin",
    hint: "platform team → admin",
  },
  {
    login: "rita",
    id: 5_830_102,
    name: "Rita Moreno",
    email: null,
    company: "@skyward",
    location: "Lisbon",
    bio: null,
    createdAt: "2015-08-19T16:40:00Z",
    orgRole: "member",
    hint: "release-managers team → release manager",
  },
  {
    login: "ravi",
    id: 5_830_103,
    name: "Ravi Shah",
    email: "ravi@skyward.example",
    company: "@skyward",
    location: "Pune",
    bio: "Second pair of eyes on every production release.",
    createdAt: "2016-01-07T08:15:31Z",
    orgRole: "member",
    hint: "release-managers team → release manager",
  },
  {
    login: "dana",
    id: 5_830_104,
    name: "Dana Kim",
    email: null,
    company: null,
    location: "Seoul",
    bio: null,
    createdAt: "2017-10-23T02:51:09Z",
    orgRole: "member",
    hint: "engineers team → deployer",
  },
  {
    login: "oscar",
    id: 5_830_105,
    name: "Oscar Lind",
    email: "oscar@skyward.example",
    company: "@skyward",
    location: "Malmö",
    bio: "On call this week.",
    createdAt: "2018-06-30T21:12:44Z",
    orgRole: "member",
    hint: "engineers + oncall teams → deployer, on-call",
  },
  {
    login: "vera",
    id: 5_830_106,
    name: "Vera Novak",
    email: null,
    company: null,
    location: "Ljubljana",
    bio: null,
    createdAt: "2020-02-14T13:37:00Z",
    orgRole: "member",
    hint: "org member, no team → viewer",
  },
  {
    login: "mallory",
    id: 5_830_199,
    name: "Mallory Quinn",
    email: "mallory@elsewhere.example",
    company: null,
    location: null,
    bio: "Not from around here.",
    createdAt: "2021-04-01T00:00:00Z",
    orgRole: null,
    hint: "not a member of skyward → sign-in should be refused",
  },
];

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    slug: "platform",
    id: 7_310_001,
    name: "Platform",
    description: "Runs CI/CD and the AWS accounts.",
    createdAt: "2019-03-11T09:30:00Z",
    members: [{ login: "ada", role: "maintainer" }],
  },
  {
    slug: "release-managers",
    id: 7_310_002,
    name: "Release managers",
    description: "Approve production releases.",
    createdAt: "2019-04-02T10:00:00Z",
    members: [
      { login: "rita", role: "maintainer" },
      { login: "ravi", role: "member" },
    ],
  },
  {
    slug: "engineers",
    id: 7_310_003,
    name: "Engineers",
    description: "Everyone who ships product code.",
    createdAt: "2019-04-02T10:05:00Z",
    members: [
      { login: "dana", role: "member" },
      { login: "oscar", role: "member" },
    ],
  },
  {
    slug: "oncall",
    id: 7_310_004,
    name: "On-call",
    description: "This rotation's on-call engineers.",
    createdAt: "2020-09-15T07:45:00Z",
    members: [{ login: "oscar", role: "member" }],
  },
];

/**
 * The demo GitHub App's bot account: who an installation token (ghs_, minted by the control API)
 * acts as. Not an org member; it reaches the org's repositories through its installation.
 */
export const APP_BOT: DemoUser = {
  login: "flightdeck-sandbox[bot]",
  id: 149_000_001,
  name: "Flightdeck (sandbox)",
  email: null,
  company: null,
  location: null,
  bio: null,
  createdAt: "2024-01-10T00:00:00Z",
  orgRole: null,
  hint: "GitHub App installation (ghs_ tokens)",
};
