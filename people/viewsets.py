from wagtail.users.views.users import UserViewSet

from .forms import StaffUserCreationForm, StaffUserEditForm


class StaffUserViewSet(UserViewSet):
    """Wagtail's user admin, showing the real name and department too."""

    create_template_name = "people/admin/users/create.html"
    edit_template_name = "people/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
