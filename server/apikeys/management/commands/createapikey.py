"""manage.py createapikey --user NAME --scopes generate,verify: prints the key on the last line."""

from django.core.management.base import BaseCommand, CommandError

from server.apikeys.models import RetentionLevel
from server.apikeys.scopes import SCOPES, UnknownScope
from server.apikeys.services import apikey_create, user_get_or_create
from server.audit.services import Actor


class Command(BaseCommand):
    help = "Create an API key (and the user, if needed). The key is printed once, on the last line."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Owner's username (created if missing).")
        parser.add_argument("--scopes", default="generate,verify", help=f"Comma-separated: {', '.join(SCOPES)}.")
        parser.add_argument("--name", default="", help="A label for the key.")
        parser.add_argument("--retention", default=RetentionLevel.FULL, choices=list(RetentionLevel.values),
                            help="How much of each prompt is kept.")

    def handle(self, *args, **options):
        user = user_get_or_create(options["user"])
        try:
            issued = apikey_create(owner=user, scopes=options["scopes"], name=options["name"],
                                   prompt_retention=options["retention"], actor=Actor.system("createapikey"))
        except UnknownScope as exc:
            raise CommandError(str(exc)) from exc
        key = issued.api_key
        self.stdout.write(f"API key for {user.get_username()} (prefix {key.prefix}, scopes {','.join(key.scopes)}):")
        self.stdout.write(issued.secret)
