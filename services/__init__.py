"""Use cases: each authorises through access/, validates through the domain (plans/, drills/),
and reads and writes through the stores (db/) in one unit of work; the reactions to events
(a drill ended, an amendment, an override, new weights) and the drill clock live here too.
Pages and ui/ call these, never the stores; nothing here imports streamlit.

By area: plans.py and revision.py (plans, versions, the Word file, revisions from a drill),
drills.py, drill_design.py, observations.py and clock.py (designing and running a drill, the
evaluators' entries, timed injects), evaluation.py and review.py (scores, findings, reviews,
actions after a drill), analytics.py, accounts.py, sessions.py, users.py, units.py and audit.py
(figures, sign-in and its sessions, accounts, units, the audit log); errors.py names the errors a
screen may catch."""
