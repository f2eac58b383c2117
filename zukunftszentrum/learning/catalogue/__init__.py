"""The catalogue: a centre's modules and dated offers, registering and the waitlist, courses with
attendance and the trainer's assessment, reminders and calendar files, the demo catalogue."""
