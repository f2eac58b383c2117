"""Who may do what: the one table of roles -> capabilities. Pure: no Django imports.

Object rules (may this person end *this* accompaniment?) live in `rules.py`; queries that take
the viewer live in `queries.py`. Later modules add their capabilities here, in the same table.
"""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    """What a membership ties a person to."""

    CENTRE = "centre"
    ORGANISATION = "organisation"
    NETWORK = "network"


class Role(StrEnum):
    CENTRE_ADMIN = "centre_admin"
    ADVISOR = "advisor"
    TRAINER = "trainer"
    COMPANY_LEAD = "company_lead"
    EMPLOYEE = "employee"
    WORKS_COUNCIL = "works_council"
    SOLO = "solo"
    PROGRAMME_ADMIN = "programme_admin"
    REVIEWER = "reviewer"


ROLE_SCOPE: dict[Role, Scope] = {
    Role.CENTRE_ADMIN: Scope.CENTRE,
    Role.ADVISOR: Scope.CENTRE,
    Role.TRAINER: Scope.CENTRE,
    Role.COMPANY_LEAD: Scope.ORGANISATION,
    Role.EMPLOYEE: Scope.ORGANISATION,
    Role.WORKS_COUNCIL: Scope.ORGANISATION,
    Role.SOLO: Scope.ORGANISATION,
    Role.PROGRAMME_ADMIN: Scope.NETWORK,
    Role.REVIEWER: Scope.NETWORK,
}

# Roles a company may hold; a solo self-employed person's organisation has exactly one SOLO member.
COMPANY_ROLES = (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL)
CENTRE_ROLES = (Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER)
NETWORK_ROLES = (Role.PROGRAMME_ADMIN, Role.REVIEWER)


class Capability(StrEnum):
    # Own organisation (company or solo)
    VIEW_OWN_ORGANISATION = "view_own_organisation"
    MANAGE_ORGANISATION = "manage_organisation"  # edit details, decide on a centre's request
    INVITE_MEMBERS = "invite_members"  # invite employees and works council members
    # Centre work
    VIEW_OWN_CENTRE = "view_own_centre"
    MANAGE_CENTRE = "manage_centre"  # edit the centre, invite staff
    ACCOMPANY_COMPANIES = "accompany_companies"  # request and see accompaniments
    VIEW_AUDIT_LOG = "view_audit_log"
    # Network
    MANAGE_NETWORK = "manage_network"  # create centres, Django admin, all tenants
    REVIEW_PROPOSALS = "review_proposals"
    # Self-checks
    TAKE_ASSESSMENT = "take_assessment"  # answer checks in one's organisation
    MANAGE_ASSESSMENTS = "manage_assessments"  # open/close company checks, see aggregated results
    VIEW_ACCOMPANIED_RESULTS = "view_accompanied_results"  # only with an active accompaniment
    EXPORT_RESPONSES = "export_responses"  # aggregated exports, minimum group size applies
    VIEW_NEEDS_ANALYSIS = "view_needs_analysis"  # regional estimates: own centre's Länder or all
    # Learning
    LEARN = "learn"  # one's own learning path, registrations and evidence
    PLAN_TEAM_LEARNING = "plan_team_learning"  # job profiles, targets and team plans of a company
    MANAGE_CATALOGUE = "manage_catalogue"  # the centre's modules and dated offers
    RUN_COURSES = "run_courses"  # participants, waitlist and attendance of the centre's offers
    VIEW_LEARNING_DEMAND = "view_learning_demand"  # registrations, waitlists, gaps: aggregates
    # AI systems and the AI Act
    VIEW_AI_SYSTEMS = "view_ai_systems"  # the organisation's inventory, classes and duties
    MANAGE_AI_SYSTEMS = "manage_ai_systems"  # enter, classify and track the inventory


ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.COMPANY_LEAD: frozenset(
        {
            Capability.VIEW_OWN_ORGANISATION,
            Capability.MANAGE_ORGANISATION,
            Capability.INVITE_MEMBERS,
            Capability.TAKE_ASSESSMENT,
            Capability.MANAGE_ASSESSMENTS,
            Capability.LEARN,
            Capability.PLAN_TEAM_LEARNING,
            Capability.VIEW_AI_SYSTEMS,
            Capability.MANAGE_AI_SYSTEMS,
        }
    ),
    Role.EMPLOYEE: frozenset(
        {
            Capability.VIEW_OWN_ORGANISATION,
            Capability.TAKE_ASSESSMENT,
            Capability.LEARN,
        }
    ),
    Role.WORKS_COUNCIL: frozenset(
        {
            Capability.VIEW_OWN_ORGANISATION,
            Capability.TAKE_ASSESSMENT,
            Capability.LEARN,
            Capability.VIEW_AI_SYSTEMS,
        }
    ),
    Role.SOLO: frozenset(
        {
            Capability.VIEW_OWN_ORGANISATION,
            Capability.MANAGE_ORGANISATION,
            Capability.TAKE_ASSESSMENT,
            Capability.MANAGE_ASSESSMENTS,
            Capability.LEARN,
            Capability.VIEW_AI_SYSTEMS,
            Capability.MANAGE_AI_SYSTEMS,
        }
    ),
    Role.CENTRE_ADMIN: frozenset(
        {
            Capability.VIEW_OWN_CENTRE,
            Capability.MANAGE_CENTRE,
            Capability.ACCOMPANY_COMPANIES,
            Capability.VIEW_AUDIT_LOG,
            Capability.VIEW_ACCOMPANIED_RESULTS,
            Capability.EXPORT_RESPONSES,
            Capability.VIEW_NEEDS_ANALYSIS,
            Capability.MANAGE_CATALOGUE,
            Capability.RUN_COURSES,
            Capability.VIEW_LEARNING_DEMAND,
        }
    ),
    Role.ADVISOR: frozenset(
        {
            Capability.VIEW_OWN_CENTRE,
            Capability.ACCOMPANY_COMPANIES,
            Capability.VIEW_ACCOMPANIED_RESULTS,
            Capability.EXPORT_RESPONSES,
            Capability.VIEW_NEEDS_ANALYSIS,
            Capability.VIEW_LEARNING_DEMAND,
        }
    ),
    # Trainers design the offers: they read the regional needs.
    Role.TRAINER: frozenset(
        {
            Capability.VIEW_OWN_CENTRE,
            Capability.VIEW_NEEDS_ANALYSIS,
            Capability.MANAGE_CATALOGUE,
            Capability.RUN_COURSES,
            Capability.VIEW_LEARNING_DEMAND,
        }
    ),
    Role.PROGRAMME_ADMIN: frozenset(
        {
            Capability.MANAGE_NETWORK,
            Capability.VIEW_AUDIT_LOG,
            Capability.REVIEW_PROPOSALS,
            Capability.EXPORT_RESPONSES,
            Capability.VIEW_NEEDS_ANALYSIS,
            Capability.VIEW_LEARNING_DEMAND,
        }
    ),
    Role.REVIEWER: frozenset({Capability.REVIEW_PROPOSALS}),
}

# Which roles may invite which: a company lead invites into the company, a centre admin
# invites centre staff. A programme admin sets up centres through the command line or admin.
INVITABLE_ROLES: dict[Capability, tuple[Role, ...]] = {
    Capability.INVITE_MEMBERS: COMPANY_ROLES,
    Capability.MANAGE_CENTRE: CENTRE_ROLES,
}


def has_capability(role: Role | str | None, capability: Capability) -> bool:
    """True when the role grants the capability."""
    if role is None:
        return False
    return capability in ROLE_CAPABILITIES.get(Role(role), frozenset())


def scope_of(role: Role | str) -> Scope:
    """The kind of thing a membership with this role is tied to."""
    return ROLE_SCOPE[Role(role)]
