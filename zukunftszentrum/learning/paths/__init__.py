"""Learning paths: a person's plan and a team plan (fed to `learning.planning`), the pages of
"Mein Lernweg" and the team plan, the centre's unmet demand."""
