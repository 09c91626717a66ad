"""The vocabulary the sandbox writes posts with: topics, businesses, roles, tools, names.

Plain data, no logic. A topic is one area of small-business work that can hurt
(`gerund`: doing it, `objects`: what piles up, `outcome`: what a fix would do,
`failure`: how it goes wrong today).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ADJECTIVES",
    "AUDIENCES",
    "BUSINESSES",
    "INCIDENTS",
    "NEWS_DOMAINS",
    "NOUNS",
    "PRODUCT_STEMS",
    "PRODUCT_SUFFIXES",
    "ROLES",
    "TLDS",
    "TOOLS",
    "TOOL_ISSUES",
    "TOPICS",
    "WEEKDAYS",
    "WORKAROUNDS",
    "Topic",
]


class Topic(NamedTuple):
    name: str
    gerund: str
    objects: str
    outcome: str
    failure: str


# fmt: off
TOPICS: tuple[Topic, ...] = (
    Topic("invoicing", "chasing late invoices", "unpaid invoices",
          "nudges clients to pay without me writing awkward emails",
          "half my clients ignore the reminders"),
    Topic("scheduling", "juggling appointment bookings", "bookings",
          "lets clients book and reschedule on their own",
          "double bookings keep slipping through"),
    Topic("bookkeeping", "matching receipts to bank transactions", "receipts",
          "matches receipts to transactions without me touching them",
          "the bank feed breaks every other week"),
    Topic("inventory", "keeping stock counts right across two locations", "stock counts",
          "keeps stock in sync between the website and the shop floor",
          "we oversell something at least once a week"),
    Topic("onboarding", "onboarding new clients", "onboarding forms",
          "collects everything from a new client in one go",
          "I end up sending the same five emails to every new client"),
    Topic("outreach", "doing cold outreach", "cold emails",
          "finds the right contact and keeps the follow-ups going",
          "half my emails land in spam"),
    Topic("support", "answering the same support questions", "support tickets",
          "answers the repetitive questions before they reach me",
          "tickets get lost somewhere between email and chat"),
    Topic("hiring", "screening job applicants", "applications",
          "filters applicants before I spend an hour on each one",
          "good candidates go cold while I'm busy with everything else"),
    Topic("social", "posting on social media consistently", "social posts",
          "plans a month of posts in one sitting",
          "I forget to post for weeks and engagement falls off a cliff"),
    Topic("time", "tracking billable hours", "timesheets",
          "tracks time without me remembering to press start",
          "I undercount my hours every single month"),
    Topic("quotes", "writing quotes and proposals", "quotes",
          "turns a discovery call into a proposal in minutes",
          "every quote eats an entire evening"),
    Topic("contracts", "getting contracts signed", "contracts",
          "handles contracts and signatures without a lawyer each time",
          "clients sit on unsigned contracts for weeks"),
    Topic("payroll", "running payroll for part-timers", "pay runs",
          "handles payroll when hours change every week",
          "I recompute everyone's hours by hand every fortnight"),
    Topic("tax", "setting money aside for quarterly taxes", "tax estimates",
          "tells me how much to put aside for tax each month",
          "the tax bill surprises me every single April"),
    Topic("churn", "figuring out why customers cancel", "cancellations",
          "tells me why users are about to churn before they leave",
          "exit surveys get a two percent response rate"),
    Topic("feedback", "keeping track of feature requests", "feature requests",
          "pulls feedback from email, chat and calls into one place",
          "requests are scattered across five different tools"),
    Topic("meetings", "turning meetings into action items", "meeting notes",
          "turns calls into tasks that actually get done",
          "action items vanish the minute the call ends"),
    Topic("handoffs", "handing projects between contractors", "project handoffs",
          "keeps the context when someone new picks up a project",
          "every handoff loses something important"),
    Topic("docs", "keeping internal docs up to date", "SOPs",
          "keeps our procedures current without a full-time writer",
          "the wiki is two years out of date and nobody trusts it"),
    Topic("email", "keeping my inbox under control", "emails",
          "triages email so I only see what matters",
          "important emails get buried under newsletters"),
    Topic("seo", "figuring out what to write for search", "blog posts",
          "tells me which content will actually rank",
          "we publish every week and nothing moves"),
    Topic("reporting", "pulling numbers into a weekly report", "weekly reports",
          "builds the weekly report without any copy-paste",
          "the numbers never match between tools"),
    Topic("subscriptions", "keeping track of software subscriptions", "subscriptions",
          "shows every subscription we pay for and who actually uses it",
          "we found three tools nobody had opened in a year"),
    Topic("returns", "processing returns and refunds", "returns",
          "handles returns without ten manual steps",
          "refunds go out before the items even come back"),
    Topic("suppliers", "reordering from suppliers", "purchase orders",
          "reorders from suppliers before we run out",
          "we run out of our best sellers every month"),
    Topic("noshows", "dealing with appointment no-shows", "no-shows",
          "cuts no-shows without annoying the regulars",
          "a third of bookings simply don't turn up"),
    Topic("reviews", "getting customers to leave reviews", "reviews",
          "asks happy customers for a review at the right moment",
          "only the angry customers ever bother writing reviews"),
    Topic("leads", "keeping track of leads", "leads",
          "keeps leads from slipping through without a heavyweight CRM",
          "leads sit in my DMs and get forgotten"),
    Topic("access", "managing logins for the team", "shared logins",
          "sorts out shared access when people join and leave",
          "ex-contractors still have access to half our accounts"),
    Topic("backups", "backing up client files", "backups",
          "backs everything up without me thinking about it",
          "I only find out a backup failed when I need it"),
    Topic("clips", "cutting long videos into short clips", "video clips",
          "turns long recordings into usable clips",
          "editing eats my whole weekend"),
    Topic("translation", "keeping translated pages in sync", "translations",
          "updates the translations when the English copy changes",
          "the German pages are always three versions behind"),
    Topic("shipping", "printing labels and tracking parcels", "shipments",
          "sorts out labels and tracking for every carrier",
          "customers email every day asking where their parcel is"),
    Topic("pricing", "deciding what to charge", "prices",
          "helps me set prices without guessing",
          "I'm fairly sure I'm undercharging everyone"),
    Topic("tasks", "keeping my to-do list under control", "to-dos",
          "tells me what to work on next",
          "my list has 300 items and I ignore all of them"),
    Topic("calendar", "protecting time for deep work", "meetings",
          "defends my calendar from pointless meetings",
          "the calendar fills up before I do any real work"),
    Topic("compliance", "keeping up with compliance paperwork", "compliance forms",
          "keeps filing deadlines from sneaking up on us",
          "we nearly missed a filing deadline again"),
    Topic("scope", "handling scope creep", "change requests",
          "turns change requests into billable extras",
          "small favours add up to weeks of free work"),
    Topic("pipeline", "finding new clients", "client leads",
          "brings in steady work without endless pitching",
          "it's feast or famine every quarter"),
    Topic("dataentry", "copying data between systems", "spreadsheets",
          "moves data between our tools without copy-paste",
          "one typo and the whole sheet is wrong"),
    Topic("activation", "getting trial users to activate", "trial signups",
          "shows new users the one thing that makes them stay",
          "most trial users never log in a second time"),
    Topic("expenses", "collecting expense claims from the team", "expense claims",
          "gets the team to submit expenses on time",
          "I spend the last day of every month chasing receipts"),
)

BUSINESSES: tuple[str, ...] = (
    "small bakery", "two-person design studio", "dog grooming salon",
    "Shopify store that sells candles", "B2B SaaS for dental clinics",
    "plumbing company with four vans", "bookkeeping practice", "yoga studio",
    "wedding photography business", "print shop", "language school", "HVAC business",
    "cleaning company", "physio clinic", "coffee roastery", "indie game studio",
    "marketing agency", "recruiting agency", "tutoring business", "landscaping crew",
    "car detailing business", "Etsy shop", "small law firm", "dental practice",
    "craft brewery", "bike repair shop", "real estate team", "boutique hotel", "food truck",
    "flower shop", "consulting practice", "video production company", "translation agency",
    "small nonprofit", "veterinary clinic", "hair salon", "music school",
    "3D printing service", "mobile app studio", "IT support company",
    "furniture restoration workshop", "subscription box company", "online course business",
    "property management company", "daycare", "event planning business",
    "podcast production company", "accounting firm", "pet sitting business", "tattoo studio",
    "web agency", "climbing gym", "van conversion business", "ceramics studio",
)

ROLES: tuple[str, ...] = (
    "freelance copywriter", "web developer", "UX designer", "illustrator", "video editor",
    "bookkeeper", "virtual assistant", "translator", "photographer", "data analyst",
    "marketing consultant", "social media manager", "solo founder", "shop owner",
    "agency owner", "product manager", "ops manager", "indie hacker", "contractor",
    "therapist in private practice", "personal trainer", "architect", "tutor",
)

TOOLS: tuple[str, ...] = (
    "Notion", "Trello", "Airtable", "Excel", "Google Sheets", "Zapier", "HubSpot",
    "Salesforce", "Asana", "Jira", "Slack", "Shopify", "Stripe", "QuickBooks", "Xero",
    "Calendly", "Mailchimp", "ClickUp", "Monday", "Canva", "WordPress", "Webflow",
    "FreshBooks", "Wave", "Pipedrive", "Zendesk", "Intercom", "Gusto", "Toggl", "Harvest",
    "DocuSign", "Dropbox", "Google Drive", "Square", "Acuity", "Buffer", "Hootsuite", "Make",
    "Basecamp", "Todoist", "Obsidian", "Linear", "Freshdesk", "Typeform",
)

TOOL_ISSUES: tuple[str, ...] = (
    "it's built for teams ten times our size",
    "it does eighty percent and the last twenty is the part I need",
    "nobody on the team would actually use it",
    "setting it up took longer than the problem itself",
    "it doesn't talk to anything else we use", "the price went up three times in a year",
    "support never answered a single ticket", "it's painful to use on a phone",
    "it needs someone technical to keep it running",
    "the free plan is useless and the paid one is silly money", "it kept creating duplicates",
    "half the features are locked behind the enterprise tier",
    "it was fine until we passed about fifty customers",
    "I spent more time maintaining it than using it",
)

WORKAROUNDS: tuple[str, ...] = (
    "a spreadsheet with fourteen tabs", "sticky notes on my monitor",
    "a shared Google Doc nobody updates", "my memory, which is not great",
    "a WhatsApp group and hope", "a Zapier chain that breaks monthly",
    "three browser tabs and a lot of copy-paste", "a notebook I carry everywhere",
    "emails I star and then forget about", "a calendar full of reminders I snooze",
    "a folder called 'TODO FINAL v3'", "an intern who is leaving next month",
)

INCIDENTS: tuple[str, ...] = (
    "we lost a client over it", "it cost us about ${amount}",
    "I worked past midnight three nights in a row fixing it",
    "a customer called us out publicly because of it",
    "we paid a supplier twice without noticing", "I missed my kid's school play because of it",
    "we had to refund ${amount} in one week",
    "my business partner and I had a real fight about it",
    "we found a ${amount} mistake a month too late",
)

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Sunday",
)

AUDIENCES: tuple[str, ...] = (
    "freelancers", "small shops", "agencies", "solo founders", "therapists", "tutors",
    "contractors", "restaurants", "photographers", "consultants", "landlords", "coaches",
    "indie developers", "salons", "nonprofits", "Etsy sellers", "remote teams",
)

PRODUCT_STEMS: tuple[str, ...] = (
    "Invoice", "Shift", "Book", "Task", "Stock", "Lead", "Quote", "Client", "Focus", "Ledger",
    "Crew", "Route", "Form", "Pulse", "Nest", "Clip", "Desk", "Paper", "Signal", "Harbor",
)

PRODUCT_SUFFIXES: tuple[str, ...] = (
    "ly", "wise", "pilot", "flow", "hub", "kit", "base", "bird", "stack", "loop", "mate", "io",
)

TLDS: tuple[str, ...] = (
    ".com", ".io", ".app", ".co", ".dev", ".so",
)

NEWS_DOMAINS: tuple[str, ...] = (
    "techcrunch.com", "theverge.com", "bloomberg.com", "reuters.com", "forbes.com",
    "businessinsider.com", "wired.com", "cnbc.com", "axios.com", "ft.com",
)

ADJECTIVES: tuple[str, ...] = (
    "Quiet", "Brave", "Dry", "Late", "Lucky", "Sharp", "Calm", "Odd", "Bright", "Fuzzy",
    "Honest", "Vivid", "Tidy", "Rapid", "Gentle", "Salty", "Witty", "Lazy", "Proud", "Bold",
    "Silent", "Golden", "Rusty", "Clever", "Grumpy", "Jolly", "Nimble", "Spare", "Ample",
)

NOUNS: tuple[str, ...] = (
    "Walrus", "Jury", "Lemon", "Falcon", "Kettle", "Otter", "Anchor", "Pickle", "Comet",
    "Badger", "Harbor", "Ledger", "Maple", "Pigeon", "Rocket", "Tangerine", "Beacon", "Cactus",
    "Lantern", "Muffin", "Nomad", "Parsnip", "Quokka", "Raven", "Saddle", "Turnip",
)
# fmt: on
