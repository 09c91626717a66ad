"""The pages of `harbor web`, one module each: pure functions from records to Html."""
