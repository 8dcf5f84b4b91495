"""The audit chain: append-only in the database, hash-chained, safe under concurrent writers."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from server.audit.event_types import UnknownEventType
from server.audit.models import AuditEvent
from server.audit.services import Actor, audit_record, verify_chain

ACTOR = Actor(type="user", id="1", name="tester")


@pytest.mark.django_db
def test_events_chain_and_verify():
    first = audit_record("system.keys_created", actor=ACTOR, data={"n": 1})
    second = audit_record("system.keys_created", actor=ACTOR, data={"n": 2, "f": 0.1})
    assert second.prev_hash == first.hash and second.seq == first.seq + 1
    status = verify_chain()
    assert status.ok and status.verified_up_to == second.seq and status.head_hash == second.hash


@pytest.mark.django_db
def test_unknown_event_type_is_refused():
    with pytest.raises(UnknownEventType):
        audit_record("generation.teleported", actor=ACTOR)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET actor_name = 'mallory'",
    "DELETE FROM audit_auditevent",
])
def test_database_refuses_update_and_delete(statement):
    audit_record("system.keys_created", actor=ACTOR)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    event = AuditEvent.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.actor_name = "mallory"
        event.save()
    assert AuditEvent.objects.get().actor_name == "tester"


@pytest.mark.django_db
def test_tampering_is_detected():
    for n in range(3):
        audit_record("system.keys_created", actor=ACTOR, data={"n": n})
    with connection.cursor() as cursor:  # an operator with superuser rights edits history
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update")
        cursor.execute("UPDATE audit_auditevent SET data = '{\"n\": 99}' "
                       "WHERE seq = (SELECT MIN(seq) + 1 FROM audit_auditevent)")
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_update")
    status = verify_chain()
    assert not status.ok
    assert "hash does not match" in status.problem
    assert status.verified_up_to == AuditEvent.objects.order_by("seq").first().seq


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    errors = []

    def writer(worker_id: int):
        try:
            for n in range(15):
                audit_record("system.keys_created", actor=ACTOR, data={"worker": worker_id, "n": n})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(seqs[0], seqs[0] + 90))
    assert verify_chain().ok


@pytest.mark.django_db
def test_dashboard_logins_are_audited(client, django_user_model):
    django_user_model.objects.create_user("staffer", password="s3cret-pass!", is_staff=True)
    client.post("/admin/login/", {"username": "staffer", "password": "wrong", "next": "/admin/"})
    client.post("/admin/login/", {"username": "staffer", "password": "s3cret-pass!", "next": "/admin/"})
    client.post("/admin/logout/")
    events = list(AuditEvent.objects.order_by("seq").values_list("event_type", "actor_name"))
    assert events == [("auth.login_failed", "staffer"), ("auth.login", "staffer"), ("auth.logout", "staffer")]
    assert "wrong" not in str(AuditEvent.objects.get(event_type="auth.login_failed").data)
