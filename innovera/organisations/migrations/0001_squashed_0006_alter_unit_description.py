"""Organisations, units and people: the squash of migrations 0001–0006.

A fresh database gets the schema of the old history's end in one step; a database that has
applied all of 0001–0006 records this one as applied and runs nothing (`replaces`).

A database must be at the 2026-12 head of the old history (all of them applied) before it is
upgraded to this migration: the old files are deleted, so a partial history can no longer be
completed (docs/architecture.md, "Migrations").

Left out as moot on a fresh database and done already on one at the old head: 0004's backfill
of residents' public names (it only changed existing rows) and 0005's `DROP TABLE IF EXISTS
authtoken_token` (no table of DRF's plain-text tokens exists where this runs first). 0006 was
state only (a TextField's max_length), which `CreateModel` now carries. 0007_account_session
stays its own migration, after this one.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import innovera.organisations.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('organisations', '0001_initial'),
        ('organisations', '0002_unit_head_email'),
        ('organisations', '0003_oidc_identity_unit_code'),
        ('organisations', '0004_user_display_name'),
        ('organisations', '0005_drop_plain_text_api_tokens'),
        ('organisations', '0006_alter_unit_description'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        # Units before people, so that a person's unit is made with the table: its column
        # stands where the old history put it.
        migrations.CreateModel(
            name='Unit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('unit_type', models.CharField(choices=[('city', 'City'), ('district', 'District administration'), ('department', 'Specialist administration'), ('company', 'Municipal company'), ('unit', 'Unit')], max_length=20, verbose_name='unit type')),
                ('employee_count', models.PositiveIntegerField(default=0, verbose_name='number of employees')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='description')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='organisations.unit', verbose_name='part of')),
                ('head_email', models.EmailField(blank=True, max_length=254, verbose_name="head's e-mail address")),
                ('code', models.CharField(blank=True, max_length=64, verbose_name='unit code')),
            ],
            options={
                'verbose_name': 'unit',
                'verbose_name_plural': 'units',
                'ordering': ('name',),
            },
        ),
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='e-mail address')),
                ('full_name', models.CharField(max_length=200, verbose_name='name')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='title')),
                ('email_verified_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mail verified')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('is_staff', models.BooleanField(default=False, verbose_name='may use the admin')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='joined')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='organisations.unit', verbose_name='unit')),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                ('display_name', models.CharField(blank=True, max_length=80, verbose_name='name shown publicly')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ('full_name',),
                'constraints': [models.UniqueConstraint(django.db.models.functions.text.Lower('email'), name='user_email_unique_ci')],
            },
            managers=[
                ('objects', innovera.organisations.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('employee', 'Employee'), ('coordinator', 'Unit coordinator'), ('innovation_office', 'Innovation office'), ('jury', 'Jury member'), ('administrator', 'Administrator')], max_length=30, verbose_name='role')),
                ('granted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='granted')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'role',
                'verbose_name_plural': 'roles',
                'ordering': ('unit__name', 'role'),
                'constraints': [models.UniqueConstraint(fields=('user', 'unit', 'role'), name='membership_unique_role')],
            },
        ),
        migrations.CreateModel(
            name='OIDCIdentity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('issuer', models.CharField(max_length=300, verbose_name='issuer')),
                ('sub', models.CharField(max_length=255, verbose_name='subject')),
                ('unit_claim', models.CharField(blank=True, max_length=200, verbose_name='unit according to the provider')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='first sign-in')),
                ('last_sign_in_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='last sign-in')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='oidc_identity', to=settings.AUTH_USER_MODEL, verbose_name='person')),
            ],
            options={
                'verbose_name': 'provider identity',
                'verbose_name_plural': 'provider identities',
                'constraints': [models.UniqueConstraint(fields=('issuer', 'sub'), name='oidc_identity_unique_sub')],
            },
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.CheckConstraint(condition=models.Q(('parent__isnull', True), models.Q(('parent', models.F('pk')), _negated=True), _connector='OR'), name='unit_not_its_own_parent'),
        ),
        migrations.AddConstraint(
            model_name='unit',
            constraint=models.UniqueConstraint(condition=models.Q(('code', ''), _negated=True), fields=('code',), name='unit_code_unique'),
        ),
    ]
