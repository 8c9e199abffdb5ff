"""Chinese language pack (plans.extract.zh.pack.PACK)."""
