/**
 * Small word lists the Mailbox seeder draws realistic names, subjects and messages from. Lists
 * are kept as text (one entry per line, fields separated by `|`) so they stay compact.
 */

/** The non-empty lines of a text block. */
function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A tuple of `N` strings. */
type Tuple<N extends number, T extends string[] = []> = T["length"] extends N
  ? T
  : Tuple<N, [...T, string]>;

/** The `|`-separated fields of each line, as tuples of `width` strings. */
function records<N extends number>(text: string, width: N): Tuple<N>[] {
  return lines(text).map((line) => {
    const parts = line.split("|").map((part) => part.trim());
    if (parts.length !== width) throw new Error(`seed word list: bad line "${line}"`);
    return parts as Tuple<N>;
  });
}

/** Given names of customers and users. */
export const FIRST_NAMES =
  `Olivia Liam Emma Noah Ava Lucas Sophia Mateo Mia Ethan Amelia James Harper
  Benjamin Evelyn Elijah Aria Henry Chloe Daniel Priya Arjun Yuki Hiro Fatima Omar Ingrid Lars Camille
  Hugo Zanele Kwame Lucia Diego Anika Tomasz Aisha Rafael Nora Felix`.split(/\s+/);

/** Family names of customers and users. */
export const LAST_NAMES =
  `Smith Johnson Garcia Martinez Brown Davis Miller Wilson Anderson Taylor Thomas
  Moore Jackson Martin Lee Thompson White Harris Clark Lewis Patel Sharma Tanaka Sato Haddad Nasser
  Larsen Berg Dubois Moreau Okafor Mensah Rossi Fernandez Kowalski Nowak Schmidt Novak Silva Walsh`.split(
    /\s+/,
  );

/** Free email providers for customers without a company. */
export const FREE_EMAIL_DOMAINS =
  "gmail.com outlook.com yahoo.com icloud.com proton.me hotmail.com fastmail.com".split(" ");

/** The support team's own company (name, domain), one per account index. */
export const SUPPORT_COMPANIES = records(
  `Acme Software | acmesoftware.example
   Globex Outfitters | globex-outfitters.example
   Initech Cloud | initech.example
   Umbrella Travel | umbrellatravel.example`,
  2,
);

/** Customer companies (organizations): name, e-mail domain, country, what they do. */
export const ORGANIZATIONS = records(
  `Bluebird Logistics | bluebirdlogistics.example | US | Freight forwarding
   Copperleaf Studio | copperleaf.example | GB | Design agency
   Northwind Traders | northwind.example | US | Specialty foods importer
   Fjord Analytics | fjordanalytics.example | NO | Data consultancy
   Sakura Robotics | sakura-robotics.example | JP | Warehouse automation
   Maple & Pine | mapleandpine.example | CA | Furniture retailer
   Helios Energy | heliosenergy.example | DE | Solar installer
   Lumen Health | lumenhealth.example | US | Telehealth clinic network
   Pampas Coffee Co | pampascoffee.example | AR | Coffee roaster
   Kestrel Security | kestrelsec.example | AU | Managed security
   Orchid Hotels | orchidhotels.example | SG | Boutique hotel group
   Tidewater Marine | tidewater.example | US | Boat rentals
   Vega Learning | vegalearning.example | ES | Online courses
   Brightside Dental | brightsidedental.example | IE | Dental practices
   Atlas Print Works | atlasprint.example | NL | Print on demand
   Quill & Ink | quillandink.example | GB | Stationery shop`,
  4,
);

/** Conversation subjects. */
export const SUBJECTS = lines(`
  Can't log in to my account
  Refund for my last order
  Invoice shows the wrong amount
  How do I export my data?
  Feature request: dark mode
  Password reset email never arrives
  Upgrade to the annual plan
  Charged twice this month
  Integration with Slack stopped working
  Where is my order?
  Cancel my subscription
  Question about team seats
  Bug: page freezes when uploading files
  Change the email on my account
  API rate limit questions
  Shipping to Canada?
  Discount for non-profits
  Two-factor authentication locked me out
  Missing items in my delivery
  Can I change my billing date?
  Report is showing empty data
  Request for a W-9 form
  Mobile app crashes on startup
  Add a user to our workspace
  Data privacy request (GDPR)
  Webhook deliveries failing
  Wrong size received, need exchange
  Onboarding call for our team
  SSO setup with Okta
  Pricing for 50 seats`);

/** Opening and follow-up messages from customers. */
export const CUSTOMER_MESSAGES = lines(`
  Hi there, I've tried everything in your help center and I'm still stuck. Can you help?
  Hello! This started happening yesterday afternoon and it's blocking my whole team.
  Quick question: is this something you can do on your side, or do I need to change a setting?
  Thanks for getting back to me. I tried that, but it didn't change anything.
  I attached a screenshot of what I'm seeing. Let me know if you need anything else.
  Any update on this? We have a deadline on Friday.
  That worked, thank you so much! One last thing before you close this.
  I'm not sure if this is a bug or if I'm doing something wrong.
  Following up on my previous email, I haven't heard back yet.
  Could you please confirm once this is done? Much appreciated.`);

/** Replies from agents. */
export const REPLIES = lines(`
  Thanks for reaching out! I've looked into your account and fixed the issue on our side.
  Sorry for the trouble. Could you tell me which browser and version you're using?
  Good news: the refund has been issued and should show up within 5 to 10 business days.
  I've passed this on to our engineering team and will update you as soon as I hear back.
  You can find this under Settings → Account → Export. Let me know if that helps!
  I've updated the billing details for you. The next invoice will reflect the change.
  Thanks for your patience! This should be working again now, could you give it another try?
  Happy to help! I've added the new seats to your workspace.`);

/** Internal notes. */
export const NOTES = lines(`
  Customer is on the legacy plan, check before offering the discount.
  Reproduced on staging. Filed as a bug for the platform team.
  VIP account, please prioritise.
  Refund approved by finance.
  Waiting on the carrier's tracking update.`);

/** Summaries of phone calls. */
export const PHONE_NOTES = lines(`
  Called the customer to walk through the setup. They'll confirm by email.
  Customer called about a billing question; explained the proration.
  Voicemail left asking for the order number.`);

/** Tag names and colors. */
export const TAGS = records(
  `billing | #4caf50
   bug | #e53935
   feature-request | #8e24aa
   refund | #fb8c00
   vip | #fdd835
   onboarding | #1e88e5
   urgent | #d81b60
   login | #00897b
   integration | #5e35b1
   feedback | #43a047
   cancellation | #6d4c41
   shipping | #039be5
   api | #3949ab
   mobile | #00acc1
   sso | #7cb342
   gdpr | #546e7a`,
  2,
);

/** Mailbox (inbox) names and the local part of their address. */
export const MAILBOXES = records(
  `Support | support
   Billing | billing
   Sales | sales
   Partnerships | partners
   Feedback | feedback
   Returns | returns`,
  2,
);

/** Job titles of customers and users. */
export const JOB_TITLES = lines(`
  Office Manager
  CTO
  Operations Lead
  Founder
  Marketing Director
  Accountant
  Product Manager
  IT Administrator
  Customer Success Manager
  Designer`);

/** Cities: city, state, postal code, country. */
export const CITIES = records(
  `Boston | MA | 02108 | US
   Austin | TX | 73301 | US
   Toronto | ON | M5H 2N2 | CA
   London | England | EC1A 1BB | GB
   Berlin | Berlin | 10115 | DE
   Madrid | Madrid | 28001 | ES
   Sydney | NSW | 2000 | AU
   Oslo | Oslo | 0150 | NO`,
  4,
);

/** IANA timezones of users and teams. */
export const TIMEZONES =
  "America/New_York America/Chicago America/Los_Angeles Europe/London Europe/Berlin Asia/Tokyo Australia/Sydney".split(
    " ",
  );

/** Saved replies: name and HTML text. */
export const SAVED_REPLIES = records(
  `Refund issued | <p>Your refund has been issued and should arrive within 5–10 business days.</p>
   Password reset | <p>You can reset your password from the sign-in page via “Forgot password”.</p>
   Need more details | <p>Could you send a screenshot and the steps to reproduce?</p>
   Closing the loop | <p>I'll close this for now; just reply if anything comes up again.</p>
   Shipping times | <p>Orders ship within 2 business days; tracking follows by email.</p>`,
  2,
);

/** Manual workflow names. */
export const MANUAL_WORKFLOWS = ["Escalate to Tier 2", "Send refund survey", "Mark as VIP"];
/** Automatic workflow names. */
export const AUTOMATIC_WORKFLOWS = [
  "Tag billing emails",
  "Auto-close spam after 7 days",
  "Assign VIP customers",
  "Follow up after 3 days",
];

/** Team names. */
export const TEAMS = ["Tier 1", "Tier 2", "Billing Squad", "Escalations", "Night Shift"];

/** Attachments of seeded customer threads: file name, MIME type, base64 content. */
export const ATTACHMENTS = records(
  `error-log.txt | text/plain | RXJyb3I6IHRpbWVvdXQgYWZ0ZXIgMzAwMDBtcyAoY29kZSA1MDQpCg==
   screenshot.png | image/png | iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==
   receipt.csv | text/csv | ZGF0ZSxhbW91bnQKMjAyNC0wMy0wMSw0OS4wMAo=`,
  3,
);
