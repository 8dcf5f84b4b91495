"""The worker's model cache keeps the most recently used models and evicts the rest."""

from server.generations import runtime


def test_model_cache_is_lru(settings, monkeypatch):
    loaded = []

    class FakeBackend:
        def __init__(self, spec):
            self.spec = spec

        def load(self):
            loaded.append(self.spec)

    monkeypatch.setattr(runtime, "get_backend", FakeBackend)
    monkeypatch.setattr(runtime, "model_spec", lambda name: name)
    monkeypatch.setattr(runtime, "_backends", type(runtime._backends)())
    settings.MODEL_CACHE_SIZE = 2
    runtime.loaded_backend("a")
    runtime.loaded_backend("b")
    runtime.loaded_backend("a")  # a is now the most recent
    runtime.loaded_backend("c")  # evicts b
    assert list(runtime._backends) == ["a", "c"]
    runtime.loaded_backend("b")
    assert loaded == ["a", "b", "c", "b"]
