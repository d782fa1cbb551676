"""Walk an application through the actions, step by step (shared by several tests)."""

from oversight.accounts.tests.helpers import Clock
from oversight.consultations import actions as consultations
from oversight.consultations.models import Comment
from oversight.licensing import actions
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.models import Application
from oversight.licensing.tests.helpers import World, complete_draft, criteria


def to_consultation(world: World) -> Application:
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member, key="submit-key-0001")
    actions.open_consultation(app, actor=world.officer, days=1)
    return Application.objects.get(pk=app.pk)


def comment_on(app: Application, text: str = "Please check the regulator's record.") -> Comment:
    consultation = consultation_of(app)
    assert consultation is not None
    return consultations.submit_comment(
        consultation,
        name="",
        stakeholder_type="civil_society",
        text=text,
        files=[],
        idempotency_key=f"comment-key-{app.pk:08d}",
    )


def to_decision(world: World, clock: Clock) -> Application:
    app = to_consultation(world)
    comment = comment_on(app)
    consultations.moderate_comment(comment, accept=True, reason="", actor=world.officer)
    clock.advance(days=2)
    actions.start_review(app, actor=world.officer)
    consultations.mark_considered(comment, response="Checked; no record.", actor=world.officer)
    actions.submit_review(
        app,
        criteria=criteria(),
        recommendation="approve",
        summary="Approve: the safeguards are adequate.",
        actor=world.reviewer,
    )
    return Application.objects.get(pk=app.pk)
