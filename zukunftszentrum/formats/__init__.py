"""Date and number formats per language where Django's default does not suit the readers."""
