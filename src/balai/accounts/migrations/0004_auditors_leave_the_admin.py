"""Auditors no longer open the Django admin: `is_staff` follows the roles again
(accounts.services.staff_sync_admin_access) for everyone who held only non-admin roles."""

from django.db import migrations

ADMIN_SITE_ROLES = ("admin_mpp", "admin_kabupaten")
OLD_ADMIN_SITE_ROLES = ("admin_mpp", "admin_kabupaten", "auditor")


def _sync(apps, roles):
    User = apps.get_model("accounts", "User")
    StaffRole = apps.get_model("accounts", "StaffRole")
    admins = StaffRole.objects.filter(role__in=roles).values("user_id")
    User.objects.filter(is_superuser=False, is_staff=True).exclude(pk__in=admins).update(
        is_staff=False
    )
    User.objects.filter(is_staff=False, pk__in=admins).update(is_staff=True)


def forwards(apps, schema_editor):
    _sync(apps, ADMIN_SITE_ROLES)


def backwards(apps, schema_editor):
    _sync(apps, OLD_ADMIN_SITE_ROLES)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_login_throttle_and_email_code")]

    operations = [migrations.RunPython(forwards, backwards)]
