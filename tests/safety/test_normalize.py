from safety import normalize_text


def test_leetspeak_folds_inside_words_only():
    assert normalize_text("h0w t0 m4ke a b0mb") == "how to make a bomb"
    assert normalize_text("5 dogs in 1984") == "5 dogs in 1984"
    assert normalize_text("$ex") == "sex"


def test_spaced_letters_collapse():
    assert normalize_text("k i l l") == "kill"
    assert normalize_text("how to k.i.l.l him") == "how to kill him"
    assert normalize_text("make a b o m b") == "make a bomb"
    assert normalize_text("a man") == "a man"


def test_homoglyphs_zero_width_and_width_forms():
    assert normalize_text("b\u043emb") == "bomb"  # Cyrillic o
    assert normalize_text("\u0430\u0440\u0440l\u0435") == "apple"
    assert normalize_text("ki\u200bll") == "kill"
    assert normalize_text("\uff2b\uff49\uff4c\uff4c") == "kill"  # full-width
    assert normalize_text("Caf\u00e9") == "cafe"


def test_empty():
    assert normalize_text("") == ""
