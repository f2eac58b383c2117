"""The demo people the load test and the page benchmark sign in as, by role."""

PEOPLE = {
    "lead": "geschaeftsfuehrung@demo.example.org",
    "employee": "beschaeftigte@demo.example.org",
    "works_council": "betriebsrat@demo.example.org",
    "solo": "solo@demo.example.org",
    "centre_admin": "zentrumsleitung@demo.example.org",
    "advisor": "beratung@demo.example.org",
    "programme": "programm@demo.example.org",
}
