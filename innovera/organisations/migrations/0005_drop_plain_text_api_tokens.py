from django.db import migrations


class Migration(migrations.Migration):
    """DRF's authtoken kept API tokens in plain text, without expiry. Tokens are now knox's
    (a digest and an expiry); the old ones are not carried over but dropped, so no readable
    token stays in the database. Integrations get a new one from `innovera api-token create`."""

    dependencies = [
        ("organisations", "0004_user_display_name"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
