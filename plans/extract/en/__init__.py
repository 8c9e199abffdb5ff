"""English language pack (plans.extract.en.pack.PACK)."""
