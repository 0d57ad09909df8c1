"""The only code that speaks SQL. Everything here returns plain dataclasses."""
