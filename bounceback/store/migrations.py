"""Hand-rolled, append-only schema migrations (the Calibre/Anki pattern).

Each step is frozen SQL: never edit a released step, append a new one. The version lives in the
one-row `schema_version` table, written in the same transaction as the steps (mirrored in
`PRAGMA user_version` on SQLite), so a crash leaves either the old schema or the new one.
"""

from __future__ import annotations

# Version 1: every table of DESIGN.md "Data" (generated once from the models, then frozen).
_V1 = """
CREATE TABLE application (
	id INTEGER NOT NULL,
	company VARCHAR(200) NOT NULL,
	role VARCHAR(200) NOT NULL,
	search_fold TEXT DEFAULT '' NOT NULL,
	location VARCHAR(200) DEFAULT '' NOT NULL,
	url VARCHAR(2000) DEFAULT '' NOT NULL,
	source VARCHAR(100) DEFAULT '' NOT NULL,
	stage VARCHAR(24) NOT NULL,
	applied_on DATE,
	contact_name VARCHAR(200) DEFAULT '' NOT NULL,
	contact_email VARCHAR(320) DEFAULT '' NOT NULL,
	description TEXT DEFAULT '' NOT NULL,
	notes TEXT DEFAULT '' NOT NULL,
	next_action VARCHAR(500) DEFAULT '' NOT NULL,
	next_action_on DATE,
	last_activity_at DATETIME NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	deleted_at DATETIME,
	version INTEGER DEFAULT '1' NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_application_deleted_at ON application (deleted_at);
CREATE INDEX ix_application_last_activity_at ON application (last_activity_at);
CREATE TABLE check_in (
	id INTEGER NOT NULL,
	day DATE NOT NULL,
	mood INTEGER,
	control VARCHAR(500) DEFAULT '' NOT NULL,
	note TEXT DEFAULT '' NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (day)
);
CREATE TABLE goal (
	id INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	target INTEGER NOT NULL,
	unit VARCHAR(50) DEFAULT '' NOT NULL,
	rrule VARCHAR(500) NOT NULL,
	auto_source VARCHAR(24),
	position INTEGER DEFAULT '0' NOT NULL,
	active BOOLEAN DEFAULT 1 NOT NULL,
	starts_on DATE NOT NULL,
	created_at DATETIME NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE help_act (
	id INTEGER NOT NULL,
	kind VARCHAR(24) NOT NULL,
	who VARCHAR(200) NOT NULL,
	what TEXT DEFAULT '' NOT NULL,
	happened_on DATE NOT NULL,
	created_at DATETIME NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_help_act_happened_on ON help_act (happened_on);
CREATE TABLE ritual (
	id INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	position INTEGER DEFAULT '0' NOT NULL,
	retired BOOLEAN DEFAULT 0 NOT NULL,
	created_at DATETIME NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE schema_version (
	id INTEGER NOT NULL,
	version INTEGER NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE setting (
	id INTEGER NOT NULL,
	wallow_minutes INTEGER DEFAULT '15' NOT NULL,
	stale_days INTEGER DEFAULT '14' NOT NULL,
	ghost_days INTEGER DEFAULT '21' NOT NULL,
	follow_up_days INTEGER DEFAULT '7' NOT NULL,
	min_active INTEGER DEFAULT '5' NOT NULL,
	feedback_let_go_days INTEGER DEFAULT '14' NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE strength (
	id INTEGER NOT NULL,
	text VARCHAR(300) NOT NULL,
	kind VARCHAR(24) NOT NULL,
	position INTEGER DEFAULT '0' NOT NULL,
	last_shown_at DATETIME,
	created_at DATETIME NOT NULL,
	PRIMARY KEY (id)
);
CREATE TABLE win (
	id INTEGER NOT NULL,
	title VARCHAR(200) NOT NULL,
	story TEXT DEFAULT '' NOT NULL,
	category VARCHAR(24) NOT NULL,
	happened_on DATE,
	impact VARCHAR(500) DEFAULT '' NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL,
	search_fold TEXT DEFAULT '' NOT NULL,
	pinned BOOLEAN DEFAULT 0 NOT NULL,
	last_shown_at DATETIME,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	deleted_at DATETIME,
	version INTEGER DEFAULT '1' NOT NULL,
	PRIMARY KEY (id)
);
CREATE INDEX ix_win_deleted_at ON win (deleted_at);
CREATE TABLE goal_day (
	id INTEGER NOT NULL,
	goal_id INTEGER NOT NULL,
	day DATE NOT NULL,
	count INTEGER DEFAULT '0' NOT NULL,
	rest BOOLEAN DEFAULT 0 NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT uq_goal_day UNIQUE (goal_id, day),
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
);
CREATE INDEX ix_goal_day_goal_id ON goal_day (goal_id);
CREATE TABLE rejection (
	id INTEGER NOT NULL,
	application_id INTEGER,
	company VARCHAR(200) NOT NULL,
	role VARCHAR(200) DEFAULT '' NOT NULL,
	received_on DATE NOT NULL,
	stage_reached VARCHAR(24) NOT NULL,
	interview_rounds INTEGER DEFAULT '0' NOT NULL,
	kind VARCHAR(24) NOT NULL,
	kind_override_reason TEXT DEFAULT '' NOT NULL,
	feelings JSON DEFAULT '[]' NOT NULL,
	feeling_note TEXT DEFAULT '' NOT NULL,
	intensity_before INTEGER,
	intensity_after INTEGER,
	causes JSON DEFAULT '[]' NOT NULL,
	out_of_control JSON DEFAULT '[]' NOT NULL,
	lessons TEXT DEFAULT '' NOT NULL,
	next_steps TEXT DEFAULT '' NOT NULL,
	feedback_status VARCHAR(24) NOT NULL,
	feedback_asked_on DATE,
	feedback_text TEXT DEFAULT '' NOT NULL,
	flow_step VARCHAR(24) DEFAULT 'acknowledge' NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	version INTEGER DEFAULT '1' NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE SET NULL
);
CREATE INDEX ix_rejection_application_id ON rejection (application_id);
CREATE INDEX ix_rejection_received_on ON rejection (received_on);
CREATE TABLE stage_event (
	id INTEGER NOT NULL,
	application_id INTEGER NOT NULL,
	stage VARCHAR(24) NOT NULL,
	at DATETIME NOT NULL,
	note TEXT DEFAULT '' NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE
);
CREATE INDEX ix_stage_event_application_id ON stage_event (application_id);
CREATE TABLE ritual_done (
	id INTEGER NOT NULL,
	ritual_id INTEGER NOT NULL,
	rejection_id INTEGER,
	done_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(ritual_id) REFERENCES ritual (id) ON DELETE CASCADE,
	FOREIGN KEY(rejection_id) REFERENCES rejection (id) ON DELETE SET NULL
);
CREATE INDEX ix_ritual_done_rejection_id ON ritual_done (rejection_id);
CREATE INDEX ix_ritual_done_ritual_id ON ritual_done (ritual_id);
CREATE TABLE wallow_window (
	id INTEGER NOT NULL,
	rejection_id INTEGER NOT NULL,
	started_at DATETIME NOT NULL,
	minutes INTEGER NOT NULL,
	ends_at DATETIME NOT NULL,
	ended_at DATETIME,
	ended_early BOOLEAN DEFAULT 0 NOT NULL,
	vent_text TEXT DEFAULT '' NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(rejection_id) REFERENCES rejection (id) ON DELETE CASCADE
);
CREATE INDEX ix_wallow_window_ended_at ON wallow_window (ended_at);
CREATE INDEX ix_wallow_window_rejection_id ON wallow_window (rejection_id);
"""

# Version 2 (issue 9): a case can be deleted (with undo) and can come from an import; the theme
# is remembered; a goal keeps the plan (target, days) each past day was judged by.
_V2 = """
ALTER TABLE rejection ADD COLUMN deleted_at DATETIME;
CREATE INDEX ix_rejection_deleted_at ON rejection (deleted_at);
ALTER TABLE rejection ADD COLUMN imported BOOLEAN DEFAULT 0 NOT NULL;
ALTER TABLE setting ADD COLUMN theme VARCHAR(40) DEFAULT '' NOT NULL;
CREATE TABLE goal_plan (
	id INTEGER NOT NULL,
	goal_id INTEGER NOT NULL,
	starts_on DATE NOT NULL,
	target INTEGER NOT NULL,
	rrule VARCHAR(500) NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT uq_goal_plan UNIQUE (goal_id, starts_on),
	FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
);
CREATE INDEX ix_goal_plan_goal_id ON goal_plan (goal_id);
INSERT INTO goal_plan (goal_id, starts_on, target, rrule)
	SELECT id, starts_on, target, rrule FROM goal
"""

# Version 3 (issue 10): the local calendar day of activity is stored when it happens (an
# application reaching a stage, a win written down), so a later change of time zone never moves
# past activity to another day. Rows from before get the day their UTC time falls on in the
# machine's zone at the upgrade: SQLite's 'localtime' asks the C library, which reads the same
# TZ and /etc/localtime as `clock.local_zone`, daylight-saving rules included.
_V3 = """
ALTER TABLE stage_event ADD COLUMN local_day DATE;
CREATE INDEX ix_stage_event_local_day ON stage_event (local_day);
UPDATE stage_event SET local_day = date(at, 'localtime');
ALTER TABLE win ADD COLUMN local_day DATE;
UPDATE win SET local_day = date(created_at, 'localtime')
"""

# Version 4 (issue 10): what a person types into a form is kept as a draft while they type, so
# a kill, a closed terminal or a crash never loses it; the next start offers it back. A draft
# points at the record it edits (`target_id`, NULL for a new one) without a foreign key: the
# forms edit four different tables, and a draft whose record was deleted is still offered.
_V4 = """
CREATE TABLE form_draft (
	id INTEGER NOT NULL,
	form VARCHAR(24) NOT NULL,
	target_id INTEGER,
	target_version INTEGER,
	field_values JSON DEFAULT '{}' NOT NULL,
	saved_at DATETIME NOT NULL,
	PRIMARY KEY (id)
)
"""

# Version 5 (issue 10): a random token that names this database's contents. A restore gives the
# file a new one, so a window that opened the file before can tell that what it holds on screen
# belongs to data that is no longer there (and reopen instead of writing into the restored data).
_V5 = """
CREATE TABLE store_generation (
	id INTEGER NOT NULL,
	token VARCHAR(32) NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO store_generation (id, token) VALUES (1, lower(hex(randomblob(16))))
"""

# Version 6 (issue 12): the person's materials (resume and cover-letter versions, kept as read),
# which resume went out with each application, and the job description's key terms, stored
# when the description is saved so a comparison never re-reads a long posting.
_V6 = """
CREATE TABLE material (
	id INTEGER NOT NULL,
	kind VARCHAR(24) NOT NULL,
	label VARCHAR(200) NOT NULL,
	text TEXT DEFAULT '' NOT NULL,
	file_name VARCHAR(255) DEFAULT '' NOT NULL,
	pages INTEGER,
	added_on DATE NOT NULL,
	created_at DATETIME NOT NULL,
	retired_at DATETIME,
	PRIMARY KEY (id)
);
ALTER TABLE application ADD COLUMN resume_id INTEGER REFERENCES material (id) ON DELETE SET NULL;
CREATE INDEX ix_application_resume_id ON application (resume_id);
ALTER TABLE application ADD COLUMN job_profile JSON
"""

# Version 7 (issue 13): the person's name for signing emails (NULL until asked; '' when they
# chose not to give one) and when they planned their rituals on a calm day; a wallow window
# can be scheduled for later ("at 18:00 today"); interview rounds as records, with the
# questions remembered from each (flagged when shaky), and an answer bank keyed by a folded
# question so a question that keeps coming back finds its better answer.
_V7 = """
ALTER TABLE setting ADD COLUMN your_name VARCHAR(200);
ALTER TABLE setting ADD COLUMN rituals_planned_at DATETIME;
ALTER TABLE rejection ADD COLUMN window_opens_at DATETIME;
ALTER TABLE rejection ADD COLUMN window_minutes INTEGER;
CREATE INDEX ix_rejection_window_opens_at ON rejection (window_opens_at);
CREATE TABLE interview_round (
	id INTEGER NOT NULL,
	application_id INTEGER NOT NULL,
	held_on DATE NOT NULL,
	kind VARCHAR(24) NOT NULL,
	people VARCHAR(500) DEFAULT '' NOT NULL,
	felt INTEGER,
	notes TEXT DEFAULT '' NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	version INTEGER DEFAULT '1' NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(application_id) REFERENCES application (id) ON DELETE CASCADE
);
CREATE INDEX ix_interview_round_application_id ON interview_round (application_id);
CREATE INDEX ix_interview_round_held_on ON interview_round (held_on);
CREATE TABLE interview_question (
	id INTEGER NOT NULL,
	round_id INTEGER NOT NULL,
	text VARCHAR(1000) NOT NULL,
	fold VARCHAR(1000) DEFAULT '' NOT NULL,
	shaky BOOLEAN DEFAULT 0 NOT NULL,
	position INTEGER DEFAULT '0' NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(round_id) REFERENCES interview_round (id) ON DELETE CASCADE
);
CREATE INDEX ix_interview_question_fold ON interview_question (fold);
CREATE INDEX ix_interview_question_round_id ON interview_question (round_id);
CREATE TABLE answer (
	id INTEGER NOT NULL,
	question VARCHAR(1000) NOT NULL,
	fold VARCHAR(1000) NOT NULL,
	answer TEXT DEFAULT '' NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL,
	version INTEGER DEFAULT '1' NOT NULL,
	PRIMARY KEY (id),
	CONSTRAINT uq_answer_fold UNIQUE (fold)
)
"""

STEPS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
"""Step N (1-based) takes the schema from version N-1 to N."""

LATEST = len(STEPS)


def statements(script: str) -> list[str]:
    """Split a frozen step into statements (our DDL has no semicolons inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
