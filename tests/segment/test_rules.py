"""Table-driven checks of every segmentation rule, on UN-flavoured sentences written for l10n.

Each case: (id, lang, text, expected sentences). "keep" ids must not split, "split" ids must.
"""

from __future__ import annotations

import pytest

from l10n.segment import normalise_lang, segment_text

NBSP, NNBSP = "\u00a0", "\u202f"

CASES = [
    # honorifics and titles
    ("en-keep-he", "en",
     "H.E. Sheikh Tamim bin Hamad Al Thani opened the Summit. It closed on 6 November.",
     ["H.E. Sheikh Tamim bin Hamad Al Thani opened the Summit.", "It closed on 6 November."]),
    ("en-keep-mr-ms", "en", "Mr. Guterres spoke first. Ms. Mohammed followed.",
     ["Mr. Guterres spoke first.", "Ms. Mohammed followed."]),
    ("en-keep-mrs-dr", "en", "Mrs. Smith and Dr. Jones attended.",
     ["Mrs. Smith and Dr. Jones attended."]),
    ("en-keep-un-sg", "en", "The U.N. Secretary-General opened the debate.",
     ["The U.N. Secretary-General opened the debate."]),
    ("en-split-un-end", "en", "The proposal went to the U.N. The Assembly will decide.",
     ["The proposal went to the U.N.", "The Assembly will decide."]),
    # numbers and references
    ("en-keep-no", "en", "The report is contained in document No. 5 of the series.",
     ["The report is contained in document No. 5 of the series."]),
    ("en-keep-nos", "en", "Nos. 3 and 4 were withdrawn.", ["Nos. 3 and 4 were withdrawn."]),
    ("en-keep-para-art", "en", "See paras. 12-15 and art. 4 of the Convention.",
     ["See paras. 12-15 and art. 4 of the Convention."]),
    ("en-keep-para-split-after", "en", "See para. 5. The Committee agreed.",
     ["See para. 5.", "The Committee agreed."]),
    ("en-keep-eg-ie", "en", "Several States, e.g. Qatar and Chile, spoke. Others, i.e. the observers, did not.",
     ["Several States, e.g. Qatar and Chile, spoke.", "Others, i.e. the observers, did not."]),
    ("en-keep-eg-before-symbol", "en",
     "Keep the symbols as they appear, e.g. A/RES/78/261, in every language.",
     ["Keep the symbols as they appear, e.g. A/RES/78/261, in every language."]),
    ("en-keep-eg-before-opener", "en", "Some bodies, e.g. The Council, met. It agreed.",
     ["Some bodies, e.g. The Council, met.", "It agreed."]),
    ("en-split-before-symbol", "en", "See the resolution. A/RES/78/261 was adopted in 2024.",
     ["See the resolution.", "A/RES/78/261 was adopted in 2024."]),
    ("en-split-etc-capital", "en", "It covers food, water, shelter, etc. The Committee noted the list.",
     ["It covers food, water, shelter, etc.", "The Committee noted the list."]),
    ("en-keep-etc-lower", "en", "It covers food, water, shelter, etc. and other needs.",
     ["It covers food, water, shelter, etc. and other needs."]),
    # UN document symbols
    ("en-keep-symbol-res", "en",
     "The General Assembly adopted resolution A/RES/78/261 without a vote. The decision was welcomed.",
     ["The General Assembly adopted resolution A/RES/78/261 without a vote.",
      "The decision was welcomed."]),
    ("en-keep-symbol-dots", "en", "See documents E/CN.5/2025/1 and A/CONF.166/9. Both are available.",
     ["See documents E/CN.5/2025/1 and A/CONF.166/9.", "Both are available."]),
    # labels and headings
    ("en-keep-paragraph-number", "en",
     "204. The Committee decided to defer consideration of the item to its next session.",
     ["204. The Committee decided to defer consideration of the item to its next session."]),
    ("en-keep-paragraph-number-mid", "en", "The item was closed. 205. The Committee then adjourned.",
     ["The item was closed.", "205. The Committee then adjourned."]),
    ("en-keep-roman-heading", "en", "II. Conclusion", ["II. Conclusion"]),
    ("en-keep-distr", "en", "Distr.: General", ["Distr.: General"]),
    ("en-keep-lettered-item", "en", "(a) Strengthen its efforts to combat poverty;",
     ["(a) Strengthen its efforts to combat poverty;"]),
    ("en-keep-inline-items", "en",
     "The Committee recommends that the State party: (a) strengthen its efforts; (b) ensure access to justice.",
     ["The Committee recommends that the State party: (a) strengthen its efforts; (b) ensure access to justice."]),
    ("en-split-lettered-items", "en", "(a) Adopt the plan. (b) Report in 2026.",
     ["(a) Adopt the plan.", "(b) Report in 2026."]),
    # decimals, dates, times
    ("en-keep-decimal", "en", "Growth reached 3.5 per cent in 2024.", ["Growth reached 3.5 per cent in 2024."]),
    ("en-keep-date-time", "en", "The meeting opened on 4.11.2025 at 10 a.m. in Doha.",
     ["The meeting opened on 4.11.2025 at 10 a.m. in Doha."]),
    ("en-split-after-time", "en", "The meeting opened at 10 a.m. The President made a statement.",
     ["The meeting opened at 10 a.m.", "The President made a statement."]),
    ("en-keep-time-opening", "en", "At 10 a.m. Mr. Guterres opened the meeting.",
     ["At 10 a.m. Mr. Guterres opened the meeting."]),
    # initials and names
    ("en-keep-initials", "en", "J. R. R. Tolkien wrote it. He was English.",
     ["J. R. R. Tolkien wrote it.", "He was English."]),
    # consecutive initials are not an inline list "A. ... B. ..." (issue 18's time bomb text)
    ("en-keep-consecutive-initials", "en", "Mr. A. B. Smith went. Dr. C. D. Jones stayed.",
     ["Mr. A. B. Smith went.", "Dr. C. D. Jones stayed."]),
    ("en-split-lettered-items", "en", "Two options: A. Adopt it. B. Defer it.",
     ["Two options: A. Adopt it.", "B. Defer it."]),
    ("en-keep-name", "en", "Secretary-General António Guterres addressed the Summit.",
     ["Secretary-General António Guterres addressed the Summit."]),
    # ellipses, ! and ?
    ("en-split-ellipsis-dots", "en", "Progress was uneven... The Committee remains concerned.",
     ["Progress was uneven...", "The Committee remains concerned."]),
    ("en-split-ellipsis-char", "en", "Progress was uneven… The Committee remains concerned.",
     ["Progress was uneven…", "The Committee remains concerned."]),
    ("en-keep-ellipsis-lower", "en", "Progress was uneven… and slow.", ["Progress was uneven… and slow."]),
    ("en-split-question-exclamation", "en", "Is the goal within reach? Yes! The Summit agreed.",
     ["Is the goal within reach?", "Yes!", "The Summit agreed."]),
    ("en-keep-quotation", "en", 'She said, "We must act. The time is now." Delegates agreed.',
     ['She said, "We must act. The time is now."', "Delegates agreed."]),
    ("en-keep-brackets", "en", "The vote (see annex I. for details) was recorded.",
     ["The vote (see annex I. for details) was recorded."]),
    # lines and paragraphs
    ("en-split-blank-line", "en", "First paragraph.\n\nSecond paragraph",
     ["First paragraph.", "Second paragraph"]),
    ("en-split-short-lines", "en", "United Nations\nGeneral Assembly", ["United Nations", "General Assembly"]),
    ("en-keep-wrapped-prose", "en",
     "This is a long line of prose that was wrapped by the editor at a fixed width and\nContinues here.",
     ["This is a long line of prose that was wrapped by the editor at a fixed width and\nContinues here."]),
    ("en-keep-wrapped-lower", "en", "The Summit\nwas held in Doha.", ["The Summit\nwas held in Doha."]),
    # Chinese
    ("zh-split-quote-stays", "zh", "会议于2025年11月4日开幕。“我们必须行动！”他说。",
     ["会议于2025年11月4日开幕。", "“我们必须行动！”他说。"]),
    ("zh-split-no-space", "zh", "大会通过了第78/261号决议。会议在多哈举行！你参加了吗？参加了。",
     ["大会通过了第78/261号决议。", "会议在多哈举行！", "你参加了吗？", "参加了。"]),
    ("zh-keep-title-marks", "zh", "他们观看了《摔跤吧！爸爸》。影片很受欢迎。",
     ["他们观看了《摔跤吧！爸爸》。", "影片很受欢迎。"]),
    ("zh-keep-corner-quote", "zh", "他引用了「不让任何人掉队。」这句话。", ["他引用了「不让任何人掉队。」这句话。"]),
    ("zh-split-after-quote-then-new-clause", "zh", "秘书长说：“我们将共同行动。”他还表示，峰会将于11月6日闭幕。",
     ["秘书长说：“我们将共同行动。”", "他还表示，峰会将于11月6日闭幕。"]),
    ("zh-split-after-quote-then-new-quote", "zh", "“会议开幕了。”主席宣布：“请各代表团发言。”",
     ["“会议开幕了。”", "主席宣布：“请各代表团发言。”"]),
    ("zh-keep-long-attribution", "zh", "“不让任何人掉队。”常务副秘书长在多哈举行的记者会上强调。",
     ["“不让任何人掉队。”常务副秘书长在多哈举行的记者会上强调。"]),
    ("zh-split-bracket", "zh", "（见附件。）会议通过了报告。", ["（见附件。）", "会议通过了报告。"]),
    # Arabic
    ("ar-keep-comma-semicolon", "ar",
     "افتتح الأمين العام القمة، وألقى كلمة؛ ثم بدأت المناقشة. واختتمت القمة في 6 تشرين الثاني/نوفمبر.",
     ["افتتح الأمين العام القمة، وألقى كلمة؛ ثم بدأت المناقشة.",
      "واختتمت القمة في 6 تشرين الثاني/نوفمبر."]),
    ("ar-split-question", "ar", "هل تحقق الهدف؟ نعم، تحقق جزئياً.", ["هل تحقق الهدف؟", "نعم، تحقق جزئياً."]),
    ("ar-keep-colon", "ar", "جدول الأعمال: افتتاح الدورة.", ["جدول الأعمال: افتتاح الدورة."]),
    ("ar-keep-doctor", "ar", "قال د. أحمد إن الوضع مستقر. وأضاف أن العمل مستمر.",
     ["قال د. أحمد إن الوضع مستقر.", "وأضاف أن العمل مستمر."]),
    ("ar-keep-symbol", "ar", "اعتمدت الجمعية العامة القرار A/RES/78/261. وكان ذلك في عام 2024.",
     ["اعتمدت الجمعية العامة القرار A/RES/78/261.", "وكان ذلك في عام 2024."]),
    # Spanish
    ("es-split-inverted-question", "es", "¿Qué es la Cumbre? Es una reunión.",
     ["¿Qué es la Cumbre?", "Es una reunión."]),
    ("es-keep-inverted-inside", "es", "La reunión, ¿se celebró en Doha? Sí.",
     ["La reunión, ¿se celebró en Doha?", "Sí."]),
    ("es-split-before-exclamation", "es", "Pablo, ¿adónde vas? ¡Espera!", ["Pablo, ¿adónde vas?", "¡Espera!"]),
    ("es-keep-excmo-sr", "es", "El Excmo. Sr. Pedro Sánchez intervino. Luego habló la Sra. Mohammed.",
     ["El Excmo. Sr. Pedro Sánchez intervino.", "Luego habló la Sra. Mohammed."]),
    ("es-keep-se", "es", "S.E. el Sr. Guterres inauguró la Cumbre.", ["S.E. el Sr. Guterres inauguró la Cumbre."]),
    ("es-keep-eeuu", "es", "Los EE. UU. votaron a favor. El resto se abstuvo.",
     ["Los EE. UU. votaron a favor.", "El resto se abstuvo."]),
    # French
    ("fr-split-nbsp-question", "fr", f"Pourquoi agir maintenant{NBSP}? Parce que le temps presse{NNBSP}! La séance continue.",
     [f"Pourquoi agir maintenant{NBSP}?", f"Parce que le temps presse{NNBSP}!", "La séance continue."]),
    ("fr-keep-m-mme", "fr", "M. Guterres a ouvert le Sommet. Mme Mohammed a pris la parole.",
     ["M. Guterres a ouvert le Sommet.", "Mme Mohammed a pris la parole."]),
    ("fr-keep-guillemets", "fr", f"Il a déclaré{NBSP}: «{NNBSP}Nous devons agir. Le temps presse.{NNBSP}» La séance a été levée.",
     [f"Il a déclaré{NBSP}: «{NNBSP}Nous devons agir. Le temps presse.{NNBSP}»", "La séance a été levée."]),
    ("fr-keep-abbreviation-in-guillemets", "fr", f"Les mots «{NBSP}LL.AA.II.RR.{NBSP}» restent.",
     [f"Les mots «{NBSP}LL.AA.II.RR.{NBSP}» restent."]),
    ("fr-keep-elided-art", "fr", "Voir le par. 5 et l’art. 3, etc. Le Comité a pris note.",
     ["Voir le par. 5 et l’art. 3, etc.", "Le Comité a pris note."]),
    # Russian
    ("ru-keep-g-n", "ru", "Г-н Гутерриш открыл саммит. Он выступил с речью.",
     ["Г-н Гутерриш открыл саммит.", "Он выступил с речью."]),
    ("ru-keep-t-e", "ru", "Речь идет о целях, т. е. о приоритетах. Комитет согласился.",
     ["Речь идет о целях, т. е. о приоритетах.", "Комитет согласился."]),
    ("ru-split-i-t-d", "ru", "Обсуждались вопросы мира, безопасности и т. д. Комитет постановил продолжить работу.",
     ["Обсуждались вопросы мира, безопасности и т. д.", "Комитет постановил продолжить работу."]),
    ("ru-keep-st", "ru", "См. ст. 5 Конвенции. Комитет согласился.", ["См. ст. 5 Конвенции.", "Комитет согласился."]),
    ("ru-keep-year", "ru", "Саммит прошел в 2025 г. в Дохе.", ["Саммит прошел в 2025 г. в Дохе."]),
    ("ru-split-year-capital", "ru", "Резолюция была принята в 2023 г. Генеральная Ассамблея продолжила работу.",
     ["Резолюция была принята в 2023 г.", "Генеральная Ассамблея продолжила работу."]),
    ("ru-split-years-capital", "ru", "Совещания проходили в 2019–2021 гг. Комитет подвел итоги.",
     ["Совещания проходили в 2019–2021 гг.", "Комитет подвел итоги."]),
    ("ru-keep-year-opening-adverbial", "ru", "В 2023 г. Генеральная Ассамблея приняла резолюцию.",
     ["В 2023 г. Генеральная Ассамблея приняла резолюцию."]),
    ("ru-keep-city", "ru", "Встреча прошла в г. Доха. Комитет одобрил доклад.",
     ["Встреча прошла в г. Доха.", "Комитет одобрил доклад."]),
    ("ru-keep-initials", "ru", "Проф. Иванов выступил. А. И. Семенов ответил.",
     ["Проф. Иванов выступил.", "А. И. Семенов ответил."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_rule(lang: str, text: str, expected: list[str]) -> None:
    assert segment_text(text, lang) == expected


LANG_CASES = [
    ("zh-Hans", "zh"), ("zh_CN", "zh"), ("EN-gb", "en"), ("es-419", "es"), ("fr-CA", "fr"),
    ("ru-RU", "ru"), ("ar-EG", "ar"), ("pt-BR", "generic"), ("xx", "generic"), ("", "generic"),
]


@pytest.mark.parametrize(("tag", "rule_set"), LANG_CASES, ids=[tag or "empty" for tag, _ in LANG_CASES])
def test_language_tags(tag: str, rule_set: str) -> None:
    assert normalise_lang(tag) == rule_set


def test_region_variant_uses_language_rules() -> None:
    text = "S.E. el Sr. Guterres inauguró la Cumbre. Luego habló."
    assert segment_text(text, "es-419") == segment_text(text, "es")
    assert segment_text("M. Guterres a parlé.", "fr-CA") == ["M. Guterres a parlé."]


def test_unknown_language_uses_generic_rules() -> None:
    assert segment_text("Mr. Silva falou. A sessão terminou.", "pt-BR") == [
        "Mr. Silva falou.", "A sessão terminou."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"], ids=["empty", "spaces", "newlines"])
def test_blank_input_has_no_sentences(text: str) -> None:
    assert segment_text(text, "en") == []
