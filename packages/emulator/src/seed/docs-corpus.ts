/**
 * Words the Docs seeder builds its knowledge bases from: companies, site kinds, collection themes
 * (with their categories and article subjects), title templates and sentences.
 */

/** A collection theme: its name, short description, categories and article subjects. */
export interface CollectionTheme {
  name: string;
  description: string;
  private?: boolean;
  categories: readonly string[];
  subjects: readonly string[];
}

/** Company names, one per seeded account (cycled). */
export const COMPANIES = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Pied Piper",
  "Vandelay Industries",
  "Wayne Enterprises",
] as const;

/** Kinds of Docs site an account has: the first is the public help center. */
export const SITE_KINDS = [
  { suffix: "", title: "Help Center" },
  { suffix: "developers", title: "Developer Docs" },
  { suffix: "partners", title: "Partner Portal" },
  { suffix: "internal", title: "Team Handbook" },
] as const;

/** Collection themes, cycled across sites. */
export const COLLECTION_THEMES: readonly CollectionTheme[] = [
  {
    name: "Getting Started",
    description: "Everything you need on day one",
    categories: ["Setup", "First Steps", "Inviting Your Team", "Importing Data"],
    subjects: [
      "your account",
      "the dashboard",
      "team invitations",
      "data imports",
      "your profile",
      "the mobile app",
      "notifications",
      "your workspace",
    ],
  },
  {
    name: "Account & Billing",
    description: "Plans, invoices and payment details",
    categories: ["Plans", "Invoices", "Payment Methods", "Cancellations"],
    subjects: [
      "your subscription",
      "invoices",
      "payment methods",
      "tax IDs",
      "plan upgrades",
      "refunds",
      "billing contacts",
      "annual billing",
    ],
  },
  {
    name: "Internal Playbooks",
    description: "Processes for the support team only",
    private: true,
    categories: ["Escalations", "Refund Policy", "VIP Customers", "Incident Response"],
    subjects: [
      "escalations",
      "refund approvals",
      "VIP accounts",
      "incident reviews",
      "on-call handoffs",
      "bug reports",
      "feature requests",
      "churn calls",
    ],
  },
  {
    name: "Integrations",
    description: "Connect the tools your team already uses",
    categories: ["Slack", "Salesforce", "Zapier", "Shopify"],
    subjects: [
      "the Slack integration",
      "Salesforce sync",
      "Zapier zaps",
      "the Shopify app",
      "webhooks",
      "single sign-on",
      "the Jira integration",
      "calendar sync",
    ],
  },
  {
    name: "Troubleshooting",
    description: "Fixes for the most common problems",
    categories: ["Login Problems", "Email Delivery", "Performance", "Browser Issues"],
    subjects: [
      "login errors",
      "two-factor authentication",
      "email delivery",
      "slow page loads",
      "browser extensions",
      "password resets",
      "cookie settings",
      "missing notifications",
    ],
  },
  {
    name: "API & Developers",
    description: "Build on top of the platform",
    categories: ["Authentication", "Endpoints", "Rate Limits", "SDKs"],
    subjects: [
      "API keys",
      "OAuth apps",
      "rate limits",
      "pagination",
      "the JavaScript SDK",
      "webhook signatures",
      "API errors",
      "sandbox accounts",
    ],
  },
  {
    name: "Security & Privacy",
    description: "How we keep your data safe",
    categories: ["Data Protection", "Compliance", "Access Control", "Audit Logs"],
    subjects: [
      "data retention",
      "GDPR requests",
      "user permissions",
      "audit logs",
      "IP allowlists",
      "encryption",
      "session timeouts",
      "data exports",
    ],
  },
  {
    name: "Partner Resources",
    description: "Guides for resellers and agencies",
    private: true,
    categories: ["Onboarding Clients", "Co-marketing", "Commissions", "Certification"],
    subjects: [
      "client onboarding",
      "co-marketing kits",
      "commission reports",
      "partner certification",
      "referral links",
      "client workspaces",
      "white-labelling",
      "deal registration",
    ],
  },
];

/** Article title templates: `{verb}` and `{subject}` are filled in. */
export const TITLE_TEMPLATES = [
  "How to {verb} {subject}",
  "Getting started with {subject}",
  "Troubleshooting {subject}",
  "Understanding {subject}",
  "Best practices for {subject}",
  "Why can't I {verb} {subject}?",
  "Set up {subject} step by step",
  "Managing {subject} for your team",
  "What's new with {subject}",
  "FAQ: {subject}",
] as const;

/** Verbs for the title templates. */
export const VERBS = [
  "set up",
  "configure",
  "update",
  "export",
  "connect",
  "turn off",
  "reset",
  "customize",
  "review",
  "share",
] as const;

/** Opening sentences; `{subject}` is filled in. */
export const INTROS = [
  "This guide walks you through {subject} from start to finish.",
  "Most teams look at {subject} during their first week, and it only takes a few minutes.",
  "If something about {subject} doesn't look right, the steps below usually fix it.",
  "Here is everything you need to know about {subject}, including a few lesser-known tips.",
  "Admins and account owners can change {subject} at any time.",
] as const;

/** Prerequisite bullets. */
export const PREREQUISITES = [
  "You are signed in as an account owner or admin.",
  "Your plan includes this feature (Standard or higher).",
  "You have the latest version of the mobile app, if you use it.",
  "Pop-up blockers are turned off for our domain.",
  "You have a few minutes and a cup of coffee.",
] as const;

/** Steps; `{subject}` and `{category}` are filled in. */
export const STEPS = [
  "Open <strong>Settings</strong> and choose <strong>{category}</strong>.",
  "Select {subject} in the list on the left.",
  "Click <strong>Edit</strong>, make your changes and click <strong>Save</strong>.",
  "Check the confirmation banner at the top of the page.",
  "Invite a teammate to double-check {subject}.",
  "Refresh the page to see the changes everywhere.",
] as const;

/** Closing sentences. */
export const CLOSINGS = [
  "Still stuck? Reply to any of our emails and a human will help.",
  "Changes apply to everyone on your account right away.",
  "You can undo this at any time from the same screen.",
  "Tip: bookmark this page, you will probably need it again.",
] as const;

/** Default revision authors when the account's users are not passed in. */
export const DEFAULT_AUTHORS = [
  { id: 1, firstName: "Jamie", lastName: "Rivera" },
  { id: 2, firstName: "Priya", lastName: "Natarajan" },
  { id: 3, firstName: "Tomás", lastName: "Okafor" },
  { id: 4, firstName: "Mei", lastName: "Lindqvist" },
] as const;
