"""Use cases: each authorises through access/, validates through the domain (plans/, drills/),
and reads and writes through the stores (db/) in one unit of work; the reactions to events
(a drill ended, an amendment, an override, new weights) and the drill clock live here too.
Pages and ui/ call these; nothing here imports streamlit."""
