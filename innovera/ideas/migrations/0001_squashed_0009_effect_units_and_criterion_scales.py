"""Ideas, challenges, the stage process and their search: the squash of migrations 0001–0009.

A fresh database gets the schema of the old history's end in one step; a database that has
applied all of 0001–0009 records this one as applied and runs nothing (`replaces`).

A database must be at the 2026-12 head of the old history (all of them applied) before it is
upgraded to this migration: the old files are deleted, so a partial history can no longer be
completed (docs/architecture.md, "Migrations").

Besides the tables, by hand as in the old history:
- PostgreSQL: the `pg_trgm` extension (0003), which the similar-idea suggestions' similarity()
  needs. The raw SQL indexes of 0003 and 0005 are not made: 0006 dropped them for the models'
  `PostgresGinIndex`es (and the stored `search_text` columns of 0008), which `CreateModel` carries.
- SQLite: the FTS5 tables over ideas and challenges with their triggers (0006), made after the
  last operation that rebuilds those tables; the unmanaged row models that map them
  (`fts5_row_model_operation`). 0008's `RestoreFts5Table` pair is not needed: nothing rebuilds
  the tables after the FTS5 tables are made.
- The default stage process and criteria (0002), with what 1 and 5 mean on the criteria (0009):
  `default_process_create` sets the scales itself when the model has the fields, as it has here.
0007 was state only (TextFields' max_length), which `CreateModel` now carries.
"""

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import innovera.core.search_index
import innovera.ideas.models
import uuid
from django.conf import settings
from django.db import migrations, models

from innovera.ideas.defaults import default_process_create

# PostgreSQL only (0003): the trigram functions the similar-idea suggestions rank with
# (similarity()). SQLite has none; there core.fulltext.similarity computes the same measure.
TRIGRAM_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"


def trigram_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM_EXTENSION)


def default_process(apps, schema_editor):
    """The default stage process and prioritisation criteria of SPEC §4.2, with what 1 and 5
    mean on each criterion; the office can change them."""
    default_process_create(
        apps.get_model("ideas", "Stage"),
        apps.get_model("ideas", "Transition"),
        apps.get_model("ideas", "Criterion"),
    )


def default_process_remove(apps, schema_editor):
    apps.get_model("ideas", "Transition").objects.all().delete()
    apps.get_model("ideas", "Criterion").objects.all().delete()
    apps.get_model("ideas", "Stage").objects.all().delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('ideas', '0001_initial'),
        ('ideas', '0002_default_process'),
        ('ideas', '0003_search_indexes'),
        ('ideas', '0004_stage_move_score'),
        ('ideas', '0005_title_search_index'),
        ('ideas', '0006_search_indexes_and_fts'),
        ('ideas', '0007_text_max_lengths'),
        ('ideas', '0008_search_text_columns'),
        ('ideas', '0009_effect_units_and_criterion_scales'),
    ]

    dependencies = [
        ('organisations', '0001_squashed_0006_alter_unit_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(trigram_extension, migrations.RunPython.noop),
        migrations.CreateModel(
            name='Challenge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('need', models.TextField(max_length=5000, verbose_name='the need')),
                ('for_whom', models.CharField(max_length=300, verbose_name='for whom')),
                ('opens_on', models.DateField(blank=True, null=True, verbose_name='open from')),
                ('closes_on', models.DateField(blank=True, null=True, verbose_name='open until')),
                ('audience', models.CharField(choices=[('internal', 'City employees'), ('public', 'Everyone'), ('companies', 'Companies')], default='public', max_length=20, verbose_name='audience')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed')], default='draft', max_length=20, verbose_name='status')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='challenges', to='organisations.unit', verbose_name='owner unit')),
                ('search_text', models.GeneratedField(db_persist=True, expression=innovera.core.search_index.PostgresOnly(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('need', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField(null=True))),
            ],
            options={
                'verbose_name': 'challenge',
                'verbose_name_plural': 'challenges',
                'ordering': ('-created_at',),
            },
        ),
        migrations.CreateModel(
            name='Idea',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('description', models.TextField(max_length=5000, verbose_name='what is the idea')),
                ('value', models.TextField(max_length=2000, verbose_name='what value it creates')),
                ('for_whom', models.CharField(max_length=300, verbose_name='for whom')),
                ('situation', models.TextField(blank=True, max_length=2000, verbose_name='in which situation')),
                ('submitter_role', models.CharField(choices=[('employee', 'Employee'), ('manager', 'Manager'), ('resident', 'Resident'), ('company', 'Company'), ('academia', 'Academia'), ('other_unit', 'Other city unit'), ('civil_society', 'Civil society')], max_length=20, verbose_name='the submitter is')),
                ('innovation_type', models.CharField(blank=True, choices=[('product', 'Product or service'), ('process', 'Process'), ('organisation', 'Organisation'), ('marketing', 'Marketing or communication')], max_length=20, verbose_name='type of innovation')),
                ('degree', models.CharField(blank=True, choices=[('incremental', 'Incremental'), ('radical', 'Radical')], max_length=20, verbose_name='degree')),
                ('visibility', models.CharField(choices=[('public', 'Public'), ('city', 'Internal to the city'), ('unit', 'Internal to the unit')], default='public', max_length=20, verbose_name='visibility')),
                ('support_count', models.PositiveIntegerField(default=0)),
                ('comment_count', models.PositiveIntegerField(default=0)),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True)),
                ('submission_key', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted')),
                ('stage_changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='stage changed')),
                ('challenge', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to='ideas.challenge', verbose_name='challenge')),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='merged_ideas', to='ideas.idea')),
                ('owner_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='organisations.unit', verbose_name='owner unit')),
                ('submitter', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
            ],
            options={
                'verbose_name': 'idea',
                'verbose_name_plural': 'ideas',
            },
        ),
        migrations.CreateModel(
            name='Criterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=40, unique=True)),
                ('name_sv', models.CharField(max_length=100, verbose_name='name in Swedish')),
                ('name_en', models.CharField(max_length=100, verbose_name='name in English')),
                ('weight', models.DecimalField(decimal_places=2, default=1, max_digits=4, verbose_name='weight')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('active', models.BooleanField(default=True)),
                ('scale_high_en', models.CharField(blank=True, max_length=100, verbose_name='5 means (English)')),
                ('scale_high_sv', models.CharField(blank=True, max_length=100, verbose_name='5 means (Swedish)')),
                ('scale_low_en', models.CharField(blank=True, max_length=100, verbose_name='1 means (English)')),
                ('scale_low_sv', models.CharField(blank=True, max_length=100, verbose_name='1 means (Swedish)')),
            ],
            options={
                'verbose_name': 'criterion',
                'verbose_name_plural': 'criteria',
                'ordering': ('order',),
            },
        ),
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='address name')),
            ],
            options={
                'verbose_name': 'topic',
                'verbose_name_plural': 'topics',
                'ordering': ('name',),
            },
        ),
        innovera.core.search_index.fts5_row_model_operation(
            "ChallengeSearchRow", to="ideas.challenge", table="ideas_challenge"
        ),
        innovera.core.search_index.fts5_row_model_operation(
            "IdeaSearchRow", to="ideas.idea", table="ideas_idea"
        ),
        migrations.CreateModel(
            name='Attachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=innovera.ideas.models.attachment_path)),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='ideas.idea')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
            },
        ),
        migrations.CreateModel(
            name='Effect',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('quality', 'Quality'), ('cost', 'Cost'), ('time', 'Time'), ('satisfaction', 'Satisfaction'), ('other', 'Other')], max_length=20, verbose_name='kind of effect')),
                ('text', models.TextField(max_length=2000, verbose_name='description')),
                ('number', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='number')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='effects', to='ideas.idea')),
                ('unit', models.CharField(blank=True, choices=[('minutes', 'minutes'), ('hours', 'hours'), ('days', 'days'), ('kronor', 'kronor'), ('percent', 'per cent'), ('count', 'number of'), ('people', 'people')], max_length=20, verbose_name='unit')),
            ],
            options={
                'verbose_name': 'effect',
                'verbose_name_plural': 'effects',
            },
        ),
        migrations.CreateModel(
            name='Lesson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=2000, verbose_name='lesson')),
                ('did_not_work', models.BooleanField(default=False, verbose_name='about something that did not work')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lessons', to='ideas.idea')),
            ],
            options={
                'verbose_name': 'lesson',
                'verbose_name_plural': 'lessons',
            },
        ),
        migrations.CreateModel(
            name='NotificationSetting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weekly_digest', models.BooleanField(default=False, verbose_name='a weekly digest instead of single e-mails')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='idea_notification_setting', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notification setting',
                'verbose_name_plural': 'notification settings',
            },
        ),
        migrations.CreateModel(
            name='Pilot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phase', models.CharField(choices=[('small', 'Small test'), ('larger', 'Larger test')], max_length=20, verbose_name='phase')),
                ('plan', models.TextField(max_length=5000, verbose_name='plan')),
                ('test_site', models.CharField(max_length=200, verbose_name='testbed or test site')),
                ('test_persons', models.PositiveIntegerField(default=0, verbose_name='number of test persons')),
                ('results', models.TextField(blank=True, max_length=5000, verbose_name='results')),
                ('decision', models.CharField(choices=[('pending', 'Not decided'), ('go', 'Go'), ('no_go', 'No go')], default='pending', max_length=20, verbose_name='decision')),
                ('decision_reason', models.TextField(blank=True, max_length=5000, verbose_name='reason for the decision')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pilots', to='ideas.idea')),
            ],
            options={
                'verbose_name': 'pilot',
                'verbose_name_plural': 'pilots',
                'ordering': ('created_at',),
            },
        ),
        migrations.CreateModel(
            name='RouteChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(max_length=5000, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_unit', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.unit')),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='route_changes', to='ideas.idea')),
                ('to_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.unit')),
            ],
            options={
                'verbose_name': 're-routing',
                'verbose_name_plural': 're-routings',
            },
        ),
        migrations.CreateModel(
            name='Stage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=40, unique=True, verbose_name='key')),
                ('name_sv', models.CharField(max_length=100, verbose_name='name in Swedish')),
                ('name_en', models.CharField(max_length=100, verbose_name='name in English')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('is_initial', models.BooleanField(default=False, verbose_name='new ideas start here')),
                ('requires_reason', models.BooleanField(default=False, verbose_name='a move here needs a reason')),
                ('is_merge', models.BooleanField(default=False, verbose_name='merges the idea into another')),
            ],
            options={
                'verbose_name': 'stage',
                'verbose_name_plural': 'stages',
                'ordering': ('order',),
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_initial', True)), fields=('is_initial',), name='stage_one_initial')],
            },
        ),
        migrations.AddField(
            model_name='idea',
            name='stage',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='ideas.stage', verbose_name='stage'),
        ),
        # After the stage, as in the old history, so that the columns keep their order.
        migrations.AddField(
            model_name='idea',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=innovera.core.search_index.PostgresOnly(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('description', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), output_field=django.contrib.postgres.search.SearchVectorField()), output_field=django.contrib.postgres.search.SearchVectorField(null=True)),
        ),
        migrations.CreateModel(
            name='StageMove',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField(blank=True, max_length=5000, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_stage', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ideas.stage')),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='moves', to='ideas.idea')),
                ('to_stage', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ideas.stage')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True)),
            ],
            options={
                'verbose_name': 'stage move',
                'verbose_name_plural': 'stage moves',
                'ordering': ('created_at', 'id'),
            },
        ),
        migrations.CreateModel(
            name='RoutingRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.unit')),
                ('topic', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='routing_rule', to='ideas.topic')),
            ],
            options={
                'verbose_name': 'routing rule',
                'verbose_name_plural': 'routing rules',
            },
        ),
        migrations.AddField(
            model_name='idea',
            name='topics',
            field=models.ManyToManyField(blank=True, to='ideas.topic', verbose_name='topics'),
        ),
        migrations.AddField(
            model_name='challenge',
            name='topics',
            field=models.ManyToManyField(blank=True, to='ideas.topic', verbose_name='topics'),
        ),
        migrations.CreateModel(
            name='Transition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('roles', models.CharField(default='coordinator,innovation_office', max_length=100, verbose_name='roles')),
                ('from_stage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions_out', to='ideas.stage')),
                ('to_stage', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions_in', to='ideas.stage')),
            ],
            options={
                'verbose_name': 'transition',
                'verbose_name_plural': 'transitions',
                'constraints': [models.UniqueConstraint(fields=('from_stage', 'to_stage'), name='transition_once')],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.TextField(max_length=5000, verbose_name='comment')),
                ('is_official', models.BooleanField(default=False, verbose_name='official answer')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='ideas.idea')),
            ],
            options={
                'verbose_name': 'comment',
                'verbose_name_plural': 'comments',
                'ordering': ('created_at', 'id'),
                'indexes': [models.Index(fields=['idea', 'created_at', 'id'], name='comment_idea_order')],
            },
        ),
        migrations.CreateModel(
            name='Follow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='ideas.idea')),
            ],
            options={
                'verbose_name': 'follow',
                'verbose_name_plural': 'follows',
                'constraints': [models.UniqueConstraint(fields=('idea', 'user'), name='follow_once')],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='ideas.idea')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'indexes': [models.Index(fields=['user', '-created_at'], name='notification_user_newest')],
            },
        ),
        migrations.CreateModel(
            name='Score',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='score')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scores', to='ideas.criterion')),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='ideas.idea')),
                ('scorer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'score',
                'verbose_name_plural': 'scores',
                'constraints': [models.UniqueConstraint(fields=('idea', 'criterion', 'scorer'), name='score_once'), models.CheckConstraint(condition=models.Q(('value__gte', 1), ('value__lte', 5)), name='score_1_5')],
            },
        ),
        migrations.CreateModel(
            name='Support',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('idea', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supports', to='ideas.idea')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'support',
                'verbose_name_plural': 'supports',
                'constraints': [models.UniqueConstraint(fields=('idea', 'user'), name='support_once')],
            },
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['-created_at', '-id'], name='idea_newest'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['-support_count', '-id'], name='idea_most_supported'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['owner_unit', '-created_at'], name='idea_unit_newest'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['stage', '-created_at'], name='idea_stage_newest'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=models.Index(fields=['visibility', '-created_at', '-id'], name='idea_visible_newest'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.SearchVector('title', config='swedish'), name='idea_title_sv'),
        ),
        migrations.AddIndex(
            model_name='idea',
            index=innovera.core.search_index.PostgresGinIndex(fields=['search_text'], name='idea_search_text'),
        ),
        migrations.AddIndex(
            model_name='challenge',
            index=innovera.core.search_index.PostgresGinIndex(fields=['search_text'], name='challenge_search_text'),
        ),
        # SQLite: the FTS5 tables and their triggers, after the last operation that rebuilds
        # the tables (nothing on PostgreSQL, which has the indexes and search_text columns).
        innovera.core.search_index.CreateFts5Table(
            table="ideas_challenge", columns=("title", "need"), weights=(2.5, 1.0)
        ),
        innovera.core.search_index.CreateFts5Table(
            table="ideas_idea", columns=("title", "description"), weights=(2.5, 1.0)
        ),
        migrations.RunPython(default_process, default_process_remove),
    ]
