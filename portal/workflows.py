"""How a finished 三审三校 workflow publishes.

Wagtail's default finish action (``wagtail.workflows.publish_workflow_state``)
publishes the latest revision *as the last approver* and checks that user's
"publish" page permission. Our groups deliberately have no publish permission
(people/migrations/0002_groups.py: publishing is the workflow's job), so with
the default the 终审 approval raised PermissionDenied and nothing was ever
published. Approving the last task is the authority to publish: membership of
the task's group has already been checked by the task itself.
"""


def publish_workflow_state(workflow_state, user=None):
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
