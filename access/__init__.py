"""Who may do what: accounts, passwords, sessions, the access policy and drill secrecy (pure)."""
