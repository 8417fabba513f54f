"""Good examples, adoptions, campaigns, awards and discussion groups: the squash of
migrations 0001–0005.

A fresh database gets the schema of the old history's end in one step; a database that has
applied all of 0001–0005 records this one as applied and runs nothing (`replaces`).

A database must be at the 2026-12 head of the old history (all of them applied) before it is
upgraded to this migration: the old files are deleted, so a partial history can no longer be
completed (docs/architecture.md, "Migrations").

By hand as in the old history: SQLite's FTS5 tables over good examples (0002) and posts (0004)
with their triggers, made at the end, after the last operation that rebuilds those tables, and
the unmanaged row models that map them (`fts5_row_model_operation`); on PostgreSQL the models'
`PostgresGinIndex`es, which `CreateModel` carries. 0005 was state only (TextFields'
max_length), which `CreateModel` now carries.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.utils.timezone
import innovera.core.search_index
import innovera.spreading.models.examples
import innovera.spreading.models.groups
import innovera.spreading.models.sessions
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('spreading', '0001_initial'),
        ('spreading', '0002_search_index'),
        ('spreading', '0003_awards'),
        ('spreading', '0004_discussion_groups'),
        ('spreading', '0005_text_max_lengths'),
    ]

    dependencies = [
        ('ideas', '0001_squashed_0009_effect_units_and_criterion_scales'),
        ('organisations', '0001_squashed_0006_alter_unit_description'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='GoodExample',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('summary', models.TextField(max_length=2000, verbose_name='summary')),
                ('problem', models.TextField(max_length=5000, verbose_name='the problem')),
                ('what_was_done', models.TextField(max_length=5000, verbose_name='what was done')),
                ('effects', models.TextField(blank=True, max_length=2000, verbose_name='effects')),
                ('costs', models.TextField(blank=True, max_length=2000, verbose_name='costs and resources')),
                ('for_whom', models.CharField(max_length=300, verbose_name='who it is for')),
                ('how_to_adopt', models.TextField(max_length=5000, verbose_name='how to adopt it')),
                ('what_you_need', models.TextField(blank=True, max_length=2000, verbose_name='what you need')),
                ('pitfalls', models.TextField(blank=True, max_length=2000, verbose_name='pitfalls')),
                ('did_not_work', models.TextField(blank=True, max_length=2000, verbose_name='what did not work')),
                ('status', models.CharField(choices=[('in_use', 'In use'), ('ended', 'Ended'), ('replaced', 'Replaced')], default='in_use', max_length=20, verbose_name='status')),
                ('publication', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=20, verbose_name='publication')),
                ('adoption_count', models.PositiveIntegerField(default=0)),
                ('in_use_count', models.PositiveIntegerField(default=0)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='updated')),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='contact person')),
                ('idea', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='good_example', to='ideas.idea', verbose_name='idea')),
                ('topics', models.ManyToManyField(blank=True, related_name='+', to='ideas.topic', verbose_name='area')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='good_examples', to='organisations.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'good example',
                'verbose_name_plural': 'good examples',
                'ordering': ('-published_at', '-id'),
                'indexes': [models.Index(fields=['publication', '-published_at', '-id'], name='example_newest'), models.Index(fields=['publication', '-in_use_count', '-id'], name='example_most_adopted'), models.Index(fields=['unit', 'publication'], name='example_unit'), innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title', config='swedish', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary', config='swedish', weight='B'), django.contrib.postgres.search.SearchConfig('swedish')), '||', django.contrib.postgres.search.SearchVector('problem', config='swedish', weight='C'), django.contrib.postgres.search.SearchConfig('swedish')), name='example_text_sv')],
            },
        ),
        migrations.CreateModel(
            name='Post',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(max_length=5000, verbose_name='text')),
                ('text_format', models.CharField(choices=[('plain', 'Plain text'), ('markdown', 'Markdown')], default='plain', max_length=10, verbose_name='format')),
                ('html', models.TextField(editable=False)),
                ('status', models.CharField(choices=[('visible', 'Visible'), ('hidden', 'Hidden by a moderator'), ('removed', 'Removed by a moderator')], default='visible', max_length=10)),
                ('moderation_reason', models.CharField(blank=True, max_length=500)),
                ('moderated_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='group_posts', to=settings.AUTH_USER_MODEL)),
                ('moderated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='spreading.post')),
            ],
            options={
                'verbose_name': 'group post',
                'verbose_name_plural': 'group posts',
                'ordering': ('-created_at', '-id'),
            },
        ),
        migrations.CreateModel(
            name='AwardProgramme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('kind', models.CharField(choices=[('award', 'Award'), ('competition', 'Competition')], max_length=20, verbose_name='kind')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='description')),
            ],
            options={
                'verbose_name': 'award programme',
                'verbose_name_plural': 'award programmes',
                'ordering': ('name', 'id'),
            },
        ),
        migrations.CreateModel(
            name='DiscussionGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, verbose_name='name')),
                ('slug', models.SlugField(max_length=80, unique=True, verbose_name='address name')),
                ('purpose', models.TextField(max_length=2000, verbose_name='purpose')),
                ('access', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed'), ('hidden', 'Hidden')], default='open', max_length=10, verbose_name='access')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'discussion group',
                'verbose_name_plural': 'discussion groups',
                'ordering': ('name', 'id'),
            },
        ),
        innovera.core.search_index.fts5_row_model_operation(
            "ExampleSearchRow", to="spreading.goodexample", table="spreading_goodexample"
        ),
        innovera.core.search_index.fts5_row_model_operation(
            "PostSearchRow", to="spreading.post", table="spreading_post"
        ),
        migrations.CreateModel(
            name='Adoption',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('interested', 'Interested'), ('planning', 'Planning'), ('in_use', 'In use'), ('dropped', 'Dropped')], default='interested', max_length=20, verbose_name='status')),
                ('changes', models.TextField(blank=True, max_length=2000, verbose_name='what was changed from the original')),
                ('outcome', models.TextField(blank=True, max_length=2000, verbose_name='outcome')),
                ('lessons', models.TextField(blank=True, max_length=2000, verbose_name='lessons')),
                ('drop_reason', models.TextField(blank=True, max_length=5000, verbose_name='why it was dropped')),
                ('started_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='interest shown')),
                ('planning_on', models.DateField(blank=True, null=True, verbose_name='planning started')),
                ('in_use_on', models.DateField(blank=True, null=True, verbose_name='in use from')),
                ('dropped_on', models.DateField(blank=True, null=True, verbose_name='dropped on')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='contact person')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='adoptions', to='organisations.unit', verbose_name='adopting unit')),
                ('example', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='adoptions', to='spreading.goodexample')),
            ],
            options={
                'verbose_name': 'adoption',
                'verbose_name_plural': 'adoptions',
                'ordering': ('-updated_at', '-id'),
                'indexes': [models.Index(fields=['example', 'status'], name='adoption_example_status'), models.Index(fields=['unit', 'status'], name='adoption_unit_status')],
                'constraints': [models.UniqueConstraint(fields=('example', 'unit'), name='adoption_once_per_unit'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'dropped'), _negated=True), models.Q(('drop_reason', ''), _negated=True), _connector='OR'), name='adoption_dropped_has_reason')],
            },
        ),
        migrations.CreateModel(
            name='AdoptionEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('interested', 'Interested'), ('planning', 'Planning'), ('in_use', 'In use'), ('dropped', 'Dropped')], max_length=20)),
                ('to_status', models.CharField(choices=[('interested', 'Interested'), ('planning', 'Planning'), ('in_use', 'In use'), ('dropped', 'Dropped')], max_length=20)),
                ('note', models.TextField(blank=True, max_length=5000)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('adoption', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='spreading.adoption')),
            ],
            options={
                'verbose_name': 'adoption event',
                'verbose_name_plural': 'adoption events',
                'ordering': ('created_at', 'id'),
            },
        ),
        migrations.CreateModel(
            name='Assessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('comment', models.TextField(blank=True, max_length=2000, verbose_name='comment to the jury')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('juror', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='award_assessments', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'assessment',
                'verbose_name_plural': 'assessments',
            },
        ),
        migrations.CreateModel(
            name='AwardRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('award_name', models.CharField(max_length=200, verbose_name='name of the award in a sentence')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='description')),
                ('status', models.CharField(choices=[('preparing', 'Being prepared'), ('nominating', 'Open for nominations'), ('scoring', 'Jury scoring'), ('decided', 'Decided'), ('published', 'Results published')], default='preparing', max_length=20, verbose_name='status')),
                ('nomination_opens', models.DateField(verbose_name='nominations open')),
                ('nomination_closes', models.DateField(verbose_name='nominations close')),
                ('entrants', models.CharField(choices=[('internal', "The city's units"), ('external', 'Companies and residents'), ('both', "The city's units, companies and residents")], default='internal', max_length=20, verbose_name='who may enter')),
                ('eligible_unit_types', models.JSONField(blank=True, default=list, verbose_name='eligible unit types')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='results published')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='spreading.awardprogramme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'award round',
                'verbose_name_plural': 'award rounds',
                'ordering': ('-nomination_opens', '-id'),
                'constraints': [models.CheckConstraint(condition=models.Q(('nomination_closes__gte', models.F('nomination_opens'))), name='award_round_period_order')],
            },
        ),
        migrations.CreateModel(
            name='AwardCriterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, max_length=2000, verbose_name='description')),
                ('weight', models.DecimalField(decimal_places=2, default=1, max_digits=5, verbose_name='weight')),
                ('levels', models.JSONField(default=list, verbose_name='what each score means')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='spreading.awardround')),
            ],
            options={
                'verbose_name': 'award criterion',
                'verbose_name_plural': 'award criteria',
                'ordering': ('round', 'order', 'id'),
                'constraints': [models.CheckConstraint(condition=models.Q(('weight__gt', 0)), name='award_criterion_weight')],
            },
        ),
        migrations.CreateModel(
            name='AwardCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('description', models.TextField(blank=True, max_length=2000, verbose_name='description')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='categories', to='spreading.awardround')),
            ],
            options={
                'verbose_name': 'award category',
                'verbose_name_plural': 'award categories',
                'ordering': ('round', 'order', 'id'),
                'constraints': [models.UniqueConstraint(fields=('round', 'name'), name='award_category_name_once')],
            },
        ),
        migrations.CreateModel(
            name='CalendarToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(default=innovera.spreading.models.sessions.new_calendar_token, max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_token', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'calendar address',
                'verbose_name_plural': 'calendar addresses',
            },
        ),
        migrations.CreateModel(
            name='CampaignWeek',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('slug', models.SlugField(max_length=200, unique=True, verbose_name='address name')),
                ('description', models.TextField(blank=True, max_length=5000, verbose_name='description')),
                ('starts_on', models.DateField(verbose_name='first day')),
                ('ends_on', models.DateField(verbose_name='last day')),
            ],
            options={
                'verbose_name': 'campaign week',
                'verbose_name_plural': 'campaign weeks',
                'ordering': ('-starts_on',),
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='campaign_ends_after')],
            },
        ),
        migrations.CreateModel(
            name='CriterionScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.PositiveSmallIntegerField(verbose_name='score')),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='spreading.assessment')),
                ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='spreading.awardcriterion')),
            ],
            options={
                'verbose_name': 'score',
                'verbose_name_plural': 'scores',
                'constraints': [models.UniqueConstraint(fields=('assessment', 'criterion'), name='award_score_once'), models.CheckConstraint(condition=models.Q(('value__gte', 1), ('value__lte', 5)), name='award_score_on_scale')],
            },
        ),
        migrations.AddField(
            model_name='post',
            name='group',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='posts', to='spreading.discussiongroup'),
        ),
        migrations.CreateModel(
            name='ExampleAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=innovera.spreading.models.examples.example_file_path)),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('example', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='spreading.goodexample')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ('id',),
            },
        ),
        migrations.CreateModel(
            name='ExampleFigure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=200, verbose_name='what was measured')),
                ('number', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='number')),
                ('unit_of_measure', models.CharField(blank=True, max_length=40, verbose_name='unit of measure')),
                ('example', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='figures', to='spreading.goodexample')),
            ],
            options={
                'verbose_name': 'figure',
                'verbose_name_plural': 'figures',
                'ordering': ('id',),
            },
        ),
        migrations.CreateModel(
            name='ExampleImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=innovera.spreading.models.examples.example_file_path)),
                ('content_type', models.CharField(max_length=100)),
                ('alt_text', models.CharField(max_length=300, verbose_name='alternative text')),
                ('caption', models.CharField(blank=True, max_length=300, verbose_name='caption')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('example', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='spreading.goodexample')),
            ],
            options={
                'verbose_name': 'image',
                'verbose_name_plural': 'images',
                'ordering': ('id',),
                'constraints': [models.CheckConstraint(condition=models.Q(('alt_text', ''), _negated=True), name='image_has_alt_text')],
            },
        ),
        migrations.CreateModel(
            name='ExampleUnitType',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('unit_type', models.CharField(choices=[('city', 'City'), ('district', 'District administration'), ('department', 'Specialist administration'), ('company', 'Municipal company'), ('unit', 'Unit')], max_length=20, verbose_name='unit type')),
                ('example', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unit_types', to='spreading.goodexample')),
            ],
            options={
                'verbose_name': 'suitable unit type',
                'verbose_name_plural': 'suitable unit types',
                'indexes': [models.Index(fields=['unit_type', 'example'], name='example_unit_type')],
                'constraints': [models.UniqueConstraint(fields=('example', 'unit_type'), name='example_unit_type_once')],
            },
        ),
        migrations.CreateModel(
            name='GroupFollow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='spreading.discussiongroup')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_follows', to=settings.AUTH_USER_MODEL)),
                ('thread', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='follows', to='spreading.post')),
            ],
            options={
                'verbose_name': 'follow of a group',
                'verbose_name_plural': 'follows of groups',
                'constraints': [models.UniqueConstraint(condition=models.Q(('thread__isnull', True)), fields=('person', 'group'), name='group_follow_once'), models.UniqueConstraint(condition=models.Q(('thread__isnull', False)), fields=('person', 'thread'), name='thread_follow_once')],
            },
        ),
        migrations.CreateModel(
            name='GroupInvitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('accepted_at', models.DateTimeField(blank=True, null=True)),
                ('declined_at', models.DateTimeField(blank=True, null=True)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='spreading.discussiongroup')),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_invitations', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'invitation to a group',
                'verbose_name_plural': 'invitations to groups',
                'ordering': ('-created_at', '-id'),
                'indexes': [models.Index(fields=['person', 'expires_at'], name='group_invitation_person')],
            },
        ),
        migrations.CreateModel(
            name='GroupMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('owner', 'Owner'), ('moderator', 'Moderator'), ('member', 'Member')], default='member', max_length=10, verbose_name='role')),
                ('muted_at', models.DateTimeField(blank=True, null=True, verbose_name='muted')),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='spreading.discussiongroup')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_memberships', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'group member',
                'verbose_name_plural': 'group members',
                'ordering': ('joined_at', 'id'),
                'indexes': [models.Index(fields=['person', 'group'], name='group_member_person')],
                'constraints': [models.UniqueConstraint(fields=('group', 'person'), name='group_member_once')],
            },
        ),
        migrations.CreateModel(
            name='JoinRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('message', models.CharField(blank=True, max_length=500, verbose_name='message to the moderators')),
                ('status', models.CharField(choices=[('waiting', 'Waiting'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='waiting', max_length=10)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to='spreading.discussiongroup')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_join_requests', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'request to join',
                'verbose_name_plural': 'requests to join',
                'ordering': ('created_at', 'id'),
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'waiting')), fields=('group', 'person'), name='join_request_one_waiting')],
            },
        ),
        migrations.CreateModel(
            name='Juror',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_chair', models.BooleanField(default=False, verbose_name='chair')),
                ('category', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='jurors', to='spreading.awardcategory')),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jurors', to='spreading.awardround')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='jury_seats', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'juror',
                'verbose_name_plural': 'jurors',
                'constraints': [models.UniqueConstraint(fields=('round', 'category', 'user'), name='juror_once_per_category'), models.UniqueConstraint(condition=models.Q(('category__isnull', True)), fields=('round', 'user'), name='juror_once_per_round')],
            },
        ),
        migrations.CreateModel(
            name='KnowledgeSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('learn', models.TextField(max_length=2000, verbose_name='what you will learn')),
                ('for_whom', models.CharField(max_length=300, verbose_name='for whom')),
                ('level', models.CharField(choices=[('introduction', 'Introduction'), ('intermediate', 'Intermediate'), ('advanced', 'Advanced')], default='introduction', max_length=20, verbose_name='level')),
                ('starts_at', models.DateTimeField(verbose_name='starts')),
                ('ends_at', models.DateTimeField(verbose_name='ends')),
                ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                ('online_url', models.URLField(blank=True, verbose_name='online link')),
                ('capacity', models.PositiveIntegerField(verbose_name='number of places')),
                ('booking_deadline', models.DateTimeField(verbose_name='book by')),
                ('open_to_residents', models.BooleanField(default=False, verbose_name='open to residents')),
                ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled')),
                ('sequence', models.PositiveIntegerField(default=0)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('campaign', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sessions', to='spreading.campaignweek', verbose_name='campaign week')),
                ('example', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='sessions', to='spreading.goodexample', verbose_name='good example')),
                ('organiser', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='organised_sessions', to=settings.AUTH_USER_MODEL, verbose_name='organiser')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.unit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'knowledge-sharing session',
                'verbose_name_plural': 'knowledge-sharing sessions',
                'ordering': ('starts_at', 'id'),
                'indexes': [models.Index(fields=['starts_at', 'id'], name='session_upcoming'), models.Index(fields=['campaign', 'starts_at'], name='session_campaign')],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='session_ends_after')],
            },
        ),
        migrations.CreateModel(
            name='Booking',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('booked', 'Booked'), ('waiting', 'On the waiting list'), ('cancelled', 'Cancelled')], max_length=20, verbose_name='status')),
                ('queued_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('booked_at', models.DateTimeField(blank=True, null=True)),
                ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                ('attended', models.BooleanField(blank=True, null=True, verbose_name='attended')),
                ('reminded_at', models.DateTimeField(blank=True, null=True)),
                ('sequence', models.PositiveIntegerField(default=0)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='session_bookings', to=settings.AUTH_USER_MODEL)),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bookings', to='spreading.knowledgesession')),
            ],
            options={
                'verbose_name': 'booking',
                'verbose_name_plural': 'bookings',
                'ordering': ('queued_at', 'id'),
                'indexes': [models.Index(fields=['session', 'status', 'queued_at', 'id'], name='booking_queue'), models.Index(fields=['person', 'status'], name='booking_person')],
                'constraints': [models.UniqueConstraint(fields=('session', 'person'), name='booking_once_per_person')],
            },
        ),
        migrations.CreateModel(
            name='Nomination',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('subject_kind', models.CharField(choices=[('idea', 'An idea'), ('example', 'A good example'), ('unit', 'A unit'), ('external', 'An external entry')], max_length=20, verbose_name='what is nominated')),
                ('title', models.CharField(max_length=200, verbose_name='title of the entry')),
                ('motivation', models.TextField(max_length=5000, verbose_name='motivation')),
                ('status', models.CharField(choices=[('unconfirmed', 'Waiting for the e-mail address to be confirmed'), ('entered', 'Entered'), ('withdrawn', 'Withdrawn')], default='entered', max_length=20, verbose_name='status')),
                ('entrant_name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                ('entrant_organisation', models.CharField(blank=True, max_length=200, verbose_name='company or organisation')),
                ('entrant_email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('confirm_digest', models.CharField(blank=True, db_index=True, max_length=64)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                ('is_winner', models.BooleanField(default=False)),
                ('public_motivation', models.TextField(blank=True, max_length=2000, verbose_name='public motivation')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='nominations', to='spreading.awardcategory')),
                ('example', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='nominations', to='spreading.goodexample')),
                ('idea', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ideas.idea')),
                ('nominating_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='award_nominations', to='organisations.unit')),
                ('nominator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='award_nominations', to=settings.AUTH_USER_MODEL)),
                ('round', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='nominations', to='spreading.awardround')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='award_entries', to='organisations.unit')),
            ],
            options={
                'verbose_name': 'nomination',
                'verbose_name_plural': 'nominations',
                'ordering': ('category__order', 'id'),
                'indexes': [models.Index(fields=['round', 'status'], name='nomination_round_status'), models.Index(fields=['nominating_unit', 'status'], name='nomination_unit')],
            },
        ),
        migrations.CreateModel(
            name='ConflictOfInterest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
                ('declared_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('juror', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='award_conflicts', to=settings.AUTH_USER_MODEL)),
                ('nomination', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conflicts', to='spreading.nomination')),
            ],
            options={
                'verbose_name': 'conflict of interest',
                'verbose_name_plural': 'conflicts of interest',
                'constraints': [models.UniqueConstraint(fields=('nomination', 'juror'), name='award_conflict_once')],
            },
        ),
        migrations.AddField(
            model_name='assessment',
            name='nomination',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='spreading.nomination'),
        ),
        migrations.CreateModel(
            name='Notice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=300)),
                ('url', models.CharField(max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='spreading_notices', to=settings.AUTH_USER_MODEL)),
                ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='spreading.discussiongroup')),
            ],
            options={
                'verbose_name': 'notice',
                'verbose_name_plural': 'notices',
                'ordering': ('-created_at', '-id'),
                'indexes': [models.Index(fields=['user', '-created_at'], name='notice_user_newest')],
            },
        ),
        migrations.CreateModel(
            name='PostAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=innovera.spreading.models.groups.post_file_path)),
                ('original_name', models.CharField(max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='spreading.post')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ('id',),
            },
        ),
        migrations.CreateModel(
            name='PostReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(max_length=500, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('post', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='spreading.post')),
                ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='group_post_reports', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'report of a post',
                'verbose_name_plural': 'reports of posts',
                'ordering': ('created_at', 'id'),
                'constraints': [models.UniqueConstraint(fields=('post', 'reporter'), name='post_report_once'), models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='post_report_has_reason')],
            },
        ),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(fields=['group', 'parent', '-created_at', '-id'], name='post_group_newest'),
        ),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(fields=['created_at'], name='post_created'),
        ),
        migrations.AddIndex(
            model_name='post',
            index=innovera.core.search_index.PostgresGinIndex(django.contrib.postgres.search.SearchVector('text', config='swedish'), name='post_text_sv'),
        ),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.UniqueConstraint(fields=('nomination', 'juror'), name='award_assessment_once'),
        ),
        # SQLite: the FTS5 tables and their triggers, after the last operation that rebuilds
        # the tables (nothing on PostgreSQL, which has the indexes).
        innovera.core.search_index.CreateFts5Table(
            table="spreading_goodexample",
            columns=("title", "summary", "problem"),
            weights=(2.5, 1.0, 0.5),
        ),
        innovera.core.search_index.CreateFts5Table(
            table="spreading_post", columns=("text",), weights=(1.0,)
        ),
    ]
