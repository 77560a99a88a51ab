from django.contrib.auth import views as auth_views
from django.urls import path

from selfkind.accounts import views, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", views.sign_out, name="logout"),
    path("accounts/logout-everywhere/", views.sign_out_everywhere, name="logout_everywhere"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("accounts/two-factor/", views_twofactor.two_factor, name="two_factor"),
    path("accounts/two-factor/recovery-codes/", views_twofactor.new_recovery_codes, name="recovery_codes"),
    path("accounts/two-factor/off/", views_twofactor.turn_off, name="two_factor_off"),
    path("invite/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("accounts/consent/", views.consent, name="consent"),
    path("accounts/sharing/", views.sharing, name="sharing"),
    path("accounts/sharing/<int:relationship_id>/revoke/", views.revoke, name="revoke"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:invitation_id>/cancel/", views.cancel_invitation, name="cancel_invitation"),
    path("clinic/", views.clinic, name="clinic"),
    path("clinic/settings/", views.clinic_settings, name="clinic_settings"),
    path("clinic/clients/<int:client_id>/break-glass/", views.break_glass, name="break_glass"),
]
