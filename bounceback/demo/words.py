"""The demo's words: invented companies, people, notes, feelings, wins and habits.

Every name, address and sentence here is made up (links point at example.com). `build.py` draws
from these lists with a seeded `random.Random`, so the same seed always picks the same words.
"""

from __future__ import annotations

from bounceback.domain import HelpKind, RejectionKind, Stage, StrengthKind, WinCategory

# Invented companies with what they do (used in the job description).
COMPANIES = (
    ("Larkspur Analytics", "turn warehouse sensor data into next-day forecasts"),
    ("Tidewell Health", "make booking a clinic appointment take one minute"),
    ("Copperline Freight", "match regional trucking loads with empty trailers"),
    ("Quillfeather Learning", "help teachers build a week of lessons in an hour"),
    ("Brambleway Insurance", "price small-business insurance without a broker"),
    ("Emberlight Energy", "balance home batteries against the grid"),
    ("Nimbusforge", "spin up a preview environment for every pull request"),
    ("Orchardview Foods", "connect farms directly with restaurant kitchens"),
    ("Saffronpath Travel", "plan group trips without the shared spreadsheet"),
    ("Kestrelbyte Security", "catch leaked credentials before anyone uses them"),
    ("Glimmerstone Payments", "move money for online marketplaces"),
    ("Thistledown Robotics", "automate picking in small warehouses"),
    ("Juniperlane Homes", "make renting an apartment a one-form process"),
    ("Driftwood Audio", "let podcast teams edit together in the browser"),
    ("Umberfield Bank", "give freelancers a bank account that does their taxes"),
    ("Willowmere Labs", "replace paper lab notebooks for biotech teams"),
    ("Hollowreed Games", "build cozy multiplayer games"),
    ("Cinderpost Media", "help local newsrooms sell subscriptions"),
    ("Yarrowgate Legal", "make contract review searchable"),
    ("Zephyrline Mobility", "run e-bike fleets for mid-sized cities"),
    ("Lanternfish Data", "show data teams where their pipelines break"),
    ("Ironleaf Agritech", "tell growers exactly when to irrigate"),
    ("Velvetmoss Retail", "give independent shops a checkout that just works"),
    ("Rivermint Civic", "put building permits online for city governments"),
    ("Ambervale Clinics", "run a friendly network of urgent-care clinics"),
    ("Puffinrock Logistics", "track parcels across borders"),
    ("Mossgrove Software", "schedule field technicians without phone tag"),
    ("Heronsgate Wealth", "build planning tools for independent advisers"),
    ("Cobaltwren", "help sales teams write follow-ups people answer"),
    ("Grainfield Co-op", "run an online grocery co-op owned by its members"),
    ("Brightquarry", "build safety dashboards for mine operators"),
    ("Palebrook Studio", "design and ship mobile apps for clients"),
    ("Sorrelworks", "make HR tools for shift workers"),
    ("Tinmoor Games", "make puzzle games for phones"),
    ("Wrenhaven Care", "coordinate home-care visits for families"),
    ("Gullcrest Maps", "make offline maps for hikers"),
    ("Quartzhollow", "offer a developer API for invoices"),
    ("Fernreach Climate", "measure and cut building emissions"),
    ("Oakpetal Vet", "run a telehealth service for pet owners"),
    ("Bluefinch Books", "sell audiobooks from independent publishers"),
)
# Parts for the many companies a large demo needs.
NAME_A = (
    "Amber", "Bramble", "Cinder", "Drift", "Ember", "Fern", "Glimmer", "Hollow", "Iron",
    "Juniper", "Kestrel", "Lantern", "Moss", "Nimbus", "Orchard", "Puffin", "Quill", "Rook",
    "Saffron", "Thistle", "Umber", "Velvet", "Wren", "Yarrow", "Zephyr",
)
NAME_B = ("brook", "field", "stack", "loop", "grid", "gate", "forge", "path", "nest", "wick")
NAME_C = (
    "Labs", "Health", "Analytics", "Logistics", "Software", "Systems", "Robotics", "Learning",
    "Finance", "Energy", "Studio", "Data",
)
MISSIONS = tuple(m for _, m in COMPANIES)

ENGINEERING_ROLES = (
    "Backend Engineer", "Software Engineer II", "Full-Stack Engineer", "Product Engineer",
    "Senior Software Engineer", "Platform Engineer", "Data Engineer", "Frontend Engineer",
    "Developer Experience Engineer", "Solutions Engineer",
)
PRODUCT_ROLES = (
    "Technical Product Manager", "Product Manager, Platform", "Product Manager, Growth",
)
LOCATIONS = (
    "Remote (US)", "Remote (Americas)", "Remote (EU time zones)", "Austin, TX (hybrid)",
    "Chicago, IL", "Denver, CO (hybrid)", "Seattle, WA", "New York, NY (hybrid)",
    "Toronto, ON (hybrid)", "Portland, OR", "Remote",
)
SOURCES = (
    ("LinkedIn", 30), ("Company site", 24), ("Job board", 20), ("Referral", 12),
    ("Recruiter outreach", 8), ("Community Slack", 6),
)
FIRST = (
    "Dana", "Marcus", "Priya", "Tomasz", "Aisha", "Lena", "Kofi", "Mei", "Rafael", "Hannah",
    "Jonas", "Imani", "Oskar", "Yuki", "Carmen", "Devon", "Noor", "Felix", "Ines", "Theo",
)
LAST = (
    "Okafor", "Lindqvist", "Ramirez", "Chen", "Novak", "Haddad", "Brennan", "Sato", "Moreau",
    "Adeyemi", "Kowalski", "Fischer", "Duarte", "Nakamura", "Quinn", "Osei", "Varga", "Ellis",
)
ENG_DUTIES = (
    "own services from design doc to on-call", "build APIs other teams rely on",
    "pair with product and design on new features", "improve our test suite and CI",
    "help shape our data model as we grow", "mentor newer engineers",
    "ship small changes to production every day", "make the slow parts of the app fast",
)
PRODUCT_DUTIES = (
    "own the roadmap for a platform area", "talk to customers every week",
    "write clear specs with engineering", "define and track the metrics that matter",
    "run experiments and decide from the results", "say no to good ideas so great ones ship",
)
SKILLS = (
    "Python", "TypeScript", "PostgreSQL", "Go", "React", "AWS", "Kubernetes", "event-driven "
    "systems", "REST and GraphQL APIs", "data modelling", "observability", "Terraform",
)
NICE = (
    "experience in a regulated industry", "an open-source contribution you're proud of",
    "early-stage startup experience", "comfort with on-call", "a product analytics background",
)
APP_NOTES = (
    "", "", "Salary band in the posting: 125-145k.",
    "Team of six; reports to the platform lead.",
    "Dana used to work here; says the on-call is sane.",
    "Four-day week pilot mentioned in the post.",
    "Posting is three weeks old; apply anyway.", "Take-home is paid, which is a good sign.",
    "Mission I actually care about.",
    "Recruiter said they hire from the pipeline every quarter.",
)
SAVED_NOTES = ("Saved from LinkedIn", "Found on the company site", "Sent by a friend")
APPLIED_NOTES = (
    "Sent a resume tailored to the posting", "Applied through the careers page",
    "Applied with a short cover note", "Referral submitted by a former colleague",
)
ROUND_NOTES = (
    "technical interview", "system design", "pairing session", "hiring manager",
    "product case", "take-home walkthrough",
)
REJECTED_NOTES = (
    "Form rejection e-mail", "Recruiter called with the news",
    "Short e-mail from the hiring manager",
)
WITHDRAWN_NOTES = (
    "Pulled out: the salary band was well under my floor",
    "Pulled out: the role turned out to be mostly on-site",
)
NEXT_ACTIONS = {
    Stage.SAVED: ("Tailor resume and apply", "Find someone there to ask about the team"),
    Stage.APPLIED: ("Follow up with the recruiter", "Check the posting is still open"),
    Stage.SCREENING: ("Recruiter call: prepare the two-minute intro", "Send availability"),
    Stage.INTERVIEWING: ("Send thank-you notes to the panel", "Prepare for the next round"),
    Stage.FINAL_ROUND: ("Rehearse the product case out loud", "Ask for a decision timeline"),
    Stage.OFFER: ("Answer the offer (deadline)", "Compare the offer with my list"),
}
STALE_ACTION = "One polite nudge, then let it go"

LESSONS = {
    RejectionKind.EARLY: (
        "Mirror the posting's own words in the top third of the resume.",
        "Open every bullet with a number, not a responsibility.",
        "Apply within the first week a role is posted.",
    ),
    RejectionKind.MID: (
        "Practise the conflict story until it fits in two minutes.",
        "Have a salary range ready, with the reason behind it.",
    ),
    RejectionKind.FINAL: (
        "Slow down in walkthroughs: they want the reasoning, not the speed.",
        "Ask early what a great first quarter would look like.",
    ),
}
NEXT_STEPS = {
    RejectionKind.EARLY: (
        "Rework the resume summary for platform roles; send two applications tomorrow.",
        "Check the resume's keywords against three similar postings.",
    ),
    RejectionKind.MID: (
        "Book a mock interview for Thursday.",
        "Write three STAR stories and record myself telling them.",
    ),
    RejectionKind.FINAL: (
        "Ask for feedback, then apply to two similar teams this week.",
        "Keep the prep notes; they carry over to the next final round.",
    ),
}
FEELINGS = {
    RejectionKind.EARLY: ("disappointed", "frustrated", "numb", "confused"),
    RejectionKind.MID: ("disappointed", "frustrated", "embarrassed", "anxious"),
    RejectionKind.FINAL: ("sad", "disappointed", "angry", "embarrassed"),
}
FEELING_NOTES = (
    "", "", "Another form e-mail; I never spoke to a person.",
    "I really wanted this one. The team felt right.", "Weeks of process and a two-line no.",
    "A little relieved, honestly: the commute would have been rough.",
    "Mostly tired of refreshing my inbox.",
)
VENTS = (
    "",
    "A whole evening on that cover letter and four days later a no. Fine. It's volume, and "
    "I'm still in it.",
    "I keep replaying the design question. I knew it, I just froze on the sharding part. "
    "Writing it down so I stop looping.",
    "It stings and I'm allowed fifteen minutes of annoyed. Then the walk.",
    "Part of me says I'm not good enough. The other part remembers the checkout rewrite. Both "
    "are loud right now.",
    "Probably an internal candidate. Nothing I could have changed about that.",
)
FEEDBACK_TEXT = {
    RejectionKind.EARLY: "We had several hundred applicants and moved forward with people who "
    "had payments-industry experience.",
    RejectionKind.MID: "Clear communicator; the technical screen was light on testing strategy.",
    RejectionKind.FINAL: "The panel liked your product sense. Another candidate had more hands-on "
    "time with large event pipelines, which the team needs from day one.",
}

RITUALS = (
    "Walk around the park, phone in pocket",
    "Call a friend who makes me laugh",
    "Coffee somewhere nice",
    "20 minutes of favourite music, loud",
    "Cook something from scratch",
)

# (title, category, story, impact, tags, years/days ago, pinned)
WINS: tuple[tuple[str, WinCategory, str, str, tuple[str, ...], int, bool], ...] = (
    ("Led the checkout rewrite", WinCategory.LED,
     "Coordinated two engineers, a designer and QA through a six-week rebuild of checkout; "
     "kept the old path behind a flag until the numbers held.",
     "led 5 people; checkout errors down 60%", ("leadership", "payments", "frontend"), 420, True),
    ("Found the memory leak nobody could pin down", WinCategory.SOLVED,
     "Background workers restarted every few hours. A heap snapshot diff pointed at an unbounded "
     "cache in the PDF renderer.", "worker restarts from 9 a day to 0",
     ("debugging", "python", "reliability"), 700, False),
    ("Cut deploy time from 25 to 15 minutes", WinCategory.SHIPPED,
     "Split the test suite into parallel shards and cached dependencies in CI.",
     "cut deploy time 40%", ("ci", "devops", "productivity"), 560, True),
    ("Support forwarded my incident write-up to customers", WinCategory.PRAISE,
     "After a spring outage my plain-language post-mortem went to three enterprise customers "
     "unchanged.", "3 renewals kept that quarter", ("writing", "incidents"), 300, False),
    ("Took over a project after its lead left", WinCategory.OVERCAME,
     "Inherited a half-built data export with no docs and a fixed customer date; re-planned it "
     "in a week.", "shipped 2 days early", ("ownership", "deadlines"), 850, False),
    ("Finished a distributed-systems course", WinCategory.LEARNED,
     "Worked through the replication and consensus labs in the evenings during the search.",
     "4 labs, about 30 hours", ("learning", "system-design"), 12, False),
    ("Ran the summer intern program", WinCategory.LED,
     "Planned the projects, paired weekly and wrote the reviews for three interns.",
     "3 interns, 2 return offers", ("mentoring", "leadership"), 1200, False),
    ("Made search fast again", WinCategory.SOLVED,
     "Replaced a LIKE scan with a trigram index and a small query rewrite.",
     "p95 search latency from 2.1 s to 180 ms", ("postgres", "performance"), 980, False),
    ("Launched self-serve onboarding", WinCategory.SHIPPED,
     "Wrote the spec and built the backend for a flow that replaced a sales-led setup call.",
     "time to first value from 3 days to 40 minutes", ("product", "growth", "backend"), 640,
     False),
    ("A line from my last review", WinCategory.PRAISE,
     "\"The person the team goes to when a problem has no owner.\"", "",
     ("feedback", "review"), 200, False),
    ("Presented the roadmap to the exec team", WinCategory.OVERCAME,
     "Volunteered despite stage fright, rehearsed twice with a friend and took twenty minutes "
     "of questions.", "roadmap approved with budget for 2 hires", ("speaking", "growth"), 380,
     False),
    ("Picked up Go for an on-call rotation", WinCategory.LEARNED,
     "Learned enough Go in three weeks to carry the ingestion service's pager.",
     "closed 14 tickets in the first month", ("go", "on-call", "learning"), 1500, False),
    ("Organised our first accessibility audit", WinCategory.LED,
     "Recruited volunteers from four teams and turned the findings into a tracked backlog.",
     "112 issues found, 90% fixed in a quarter", ("accessibility", "frontend"), 1900, False),
    ("Rescued a botched data migration", WinCategory.SOLVED,
     "A migration double-wrote invoices; I wrote a reconciliation script, checked it against "
     "the ledger and re-ran it safely.", "40,000 invoices corrected, zero customer tickets",
     ("data", "sql", "incidents"), 2400, False),
)
WIN_TEMPLATES = {
    WinCategory.LED: ("Led the {x} project", "led {n} people; shipped on time"),
    WinCategory.SOLVED: ("Fixed the {x} slowdown", "p95 down {n}%"),
    WinCategory.OVERCAME: ("Got the {x} launch back on track", "recovered {n} days of slip"),
    WinCategory.PRAISE: ("Thanked by the {x} team", "{n} people in the thread"),
    WinCategory.SHIPPED: ("Shipped the {x} feature", "used by {n}% of accounts in a month"),
    WinCategory.LEARNED: ("Learned {x} for a project", "{n} hours of practice"),
}
WIN_TOPICS = (
    "billing", "search", "onboarding", "reporting", "notifications", "mobile sync", "exports",
    "permissions", "audit log", "pricing page",
)
STRENGTHS = (
    ("Explaining technical trade-offs to people who aren't engineers", StrengthKind.SKILL),
    ("Staying calm and methodical when production is on fire", StrengthKind.SKILL),
    ("Curious: I keep asking why until it makes sense", StrengthKind.QUALITY),
    ("Reliable: people hand me the loose ends", StrengthKind.QUALITY),
    ("Leaving code and people better than I found them", StrengthKind.VALUE),
    ("Honest, even when the news is unwelcome", StrengthKind.VALUE),
)
# (kind, who, what, days after the search started)
HELP = (
    (HelpKind.REVIEW, "Jordan (bootcamp friend)", "Went through their resume and turned duties "
     "into numbers.", 4),
    (HelpKind.INTRODUCTION, "Priya (former teammate)", "Introduced her to a data lead I know at "
     "a logistics startup.", 12),
    (HelpKind.MENTORING, "Sam", "An hour on how to prepare for a first technical screen.", 20),
    (HelpKind.REVIEW, "An open-source CLI", "Reviewed a pull request that adds retries.", 29),
    (HelpKind.OTHER, "Neighbour's bakery", "Fixed the checkout on their little web shop.", 38),
    (HelpKind.MENTORING, "Alex (junior developer)", "Paired on their first database migration.",
     50),
)
CONTROL = (
    "Send two tailored applications before lunch", "Rewrite the resume summary line",
    "Prep two STAR stories for the interview", "Walk at lunch, no phone",
    "Ask one person for a coffee chat", "Finish the course module on caching",
    "Follow up with the two recruiters I owe", "Log the rejection, then move on",
    "Tidy the portfolio README", "Practise the salary answer out loud",
)
CHECKIN_NOTES = ("", "", "", "Slept badly; kept it small.", "Good call with a recruiter.",
                  "Felt stuck until the afternoon walk.", "Momentum today.")
