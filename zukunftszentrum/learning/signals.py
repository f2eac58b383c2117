"""What happens in one part of learning that another part acts on.

`attendance_confirmed` — a trainer confirmed that a person attended an offer to the end. Sent by
the catalogue (sender: the Offer model) with keyword arguments `user` (the person),
`offer` (the Offer), `competences` (competence id -> level the module reaches) and `confirmed_by`
(the trainer's user). The evidence log listens and writes one "attended" entry per competence.
"""

from django.dispatch import Signal

attendance_confirmed = Signal()
