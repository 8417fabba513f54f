"""Survey templates, rounds, invitations, responses and imports: the squash of migrations
0001–0007.

A fresh database gets the schema of the old history's end in one step; a database that has
applied all of 0001–0007 records this one as applied and runs nothing (`replaces`).

A database must be at the 2026-12 head of the old history (all of them applied) before it is
upgraded to this migration: the old files are deleted, so a partial history can no longer be
completed (docs/architecture.md, "Migrations").

Left out as moot on a fresh database and done already on one at the old head: 0003's marking of
the invitations already answered (and moving anonymous answers to their round's first day) and
0006's count of the answers of existing rounds; both only transformed existing rows.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('surveys', '0001_initial'),
        ('surveys', '0002_round_analysis_cache'),
        ('surveys', '0003_invitation_answered'),
        ('surveys', '0004_import_job_heartbeat'),
        ('surveys', '0005_answer_tally'),
        ('surveys', '0006_count_existing_answers'),
        ('surveys', '0007_invitation_reminder_links'),
    ]

    dependencies = [
        ('organisations', '0001_squashed_0006_alter_unit_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Round',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.SlugField(max_length=100, unique=True, verbose_name='name')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='title')),
                ('template', models.CharField(max_length=100, verbose_name='template')),
                ('template_version', models.PositiveIntegerField(default=0, verbose_name='template version')),
                ('mode', models.CharField(choices=[('identified', 'Identified'), ('confidential', 'Confidential'), ('anonymous', 'Anonymous')], default='confidential', max_length=20, verbose_name='mode')),
                ('opens_on', models.DateField(blank=True, null=True, verbose_name='opens')),
                ('closes_on', models.DateField(blank=True, null=True, verbose_name='closes')),
                ('invited', models.JSONField(blank=True, default=dict, verbose_name='invited units per type')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('analysis_cache', models.JSONField(blank=True, default=dict, editable=False)),
            ],
            options={
                'verbose_name': 'survey round',
                'verbose_name_plural': 'survey rounds',
                'ordering': ('-created_at',),
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('org_type', models.CharField(choices=[('district', 'District administration'), ('department', 'Specialist administration'), ('company', 'Municipal company')], max_length=20, verbose_name='organisation type')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('token_digest', models.CharField(max_length=64, unique=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='reminded')),
                ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='answered on')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='organisations.unit')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='surveys.round')),
                ('answered', models.BooleanField(default=False, verbose_name='answered')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'constraints': [models.UniqueConstraint(fields=('round', 'unit'), name='invitation_once_per_unit')],
            },
        ),
        migrations.CreateModel(
            name='Draft',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('answers', models.JSONField(default=dict)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('invitation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='draft', to='surveys.invitation')),
            ],
            options={
                'verbose_name': 'saved answers',
                'verbose_name_plural': 'saved answers',
            },
        ),
        migrations.CreateModel(
            name='ReminderLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token_digest', models.CharField(max_length=64, unique=True)),
                ('sent_at', models.DateTimeField(verbose_name='sent')),
                ('invitation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminder_links', to='surveys.invitation')),
            ],
            options={
                'verbose_name': 'reminder link',
                'verbose_name_plural': 'reminder links',
            },
        ),
        migrations.CreateModel(
            name='ImportJob',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                ('stored_path', models.CharField(max_length=500)),
                ('replace', models.BooleanField(default=False, verbose_name='replace earlier imports')),
                ('status', models.CharField(choices=[('pending', 'Waiting'), ('running', 'Reading the file'), ('done', 'Imported'), ('failed', 'Refused')], default='pending', max_length=20)),
                ('done_rows', models.PositiveIntegerField(default=0)),
                ('total_rows', models.PositiveIntegerField(default=0)),
                ('message', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_jobs', to='surveys.round')),
                ('heartbeat_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'import job',
                'verbose_name_plural': 'import jobs',
            },
        ),
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                ('sha256', models.CharField(max_length=64, verbose_name='checksum')),
                ('row_count', models.PositiveIntegerField(verbose_name='rows')),
                ('imported_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='imported')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='imports', to='surveys.round')),
            ],
            options={
                'verbose_name': 'import',
                'verbose_name_plural': 'imports',
                'constraints': [models.UniqueConstraint(fields=('round', 'sha256'), name='import_file_once_per_round')],
            },
        ),
        migrations.CreateModel(
            name='AnswerTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('org_type', models.CharField(max_length=20)),
                ('respondents', models.PositiveIntegerField(default=0)),
                ('counts', models.JSONField(default=dict)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tallies', to='surveys.round')),
            ],
            options={
                'verbose_name': 'answer counts',
                'verbose_name_plural': 'answer counts',
                'constraints': [models.UniqueConstraint(fields=('round', 'org_type'), name='tally_once_per_org_type')],
            },
        ),
        migrations.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('respondent_id', models.CharField(max_length=100, verbose_name='respondent')),
                ('org_type', models.CharField(choices=[('district', 'District administration'), ('department', 'Specialist administration'), ('company', 'Municipal company')], max_length=20, verbose_name='organisation type')),
                ('org_unit', models.CharField(blank=True, max_length=200, verbose_name='organisation')),
                ('answers', models.JSONField(default=dict, verbose_name='answers')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted')),
                ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='surveys.importbatch')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='surveys.round')),
            ],
            options={
                'verbose_name': 'response',
                'verbose_name_plural': 'responses',
                'constraints': [models.UniqueConstraint(fields=('round', 'respondent_id'), name='response_respondent_once_per_round')],
            },
        ),
        migrations.CreateModel(
            name='SurveyTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=100, verbose_name='key')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('based_on', models.CharField(max_length=100, verbose_name='based on')),
                ('definition', models.JSONField(verbose_name='questions')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
            ],
            options={
                'verbose_name': 'survey template',
                'verbose_name_plural': 'survey templates',
                'ordering': ('key', '-version'),
                'constraints': [models.UniqueConstraint(fields=('key', 'version'), name='template_version_unique')],
            },
        ),
    ]
