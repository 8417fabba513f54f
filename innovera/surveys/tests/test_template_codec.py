from innovera.surveys.instrument import STOCKHOLM_2014
from innovera.surveys.template_codec import template_from_dict, template_to_dict


def test_it_stores_and_restores_the_built_in_template_unchanged() -> None:
    assert template_from_dict(template_to_dict(STOCKHOLM_2014)) == STOCKHOLM_2014


def test_it_keeps_edited_texts_and_options() -> None:
    data = template_to_dict(STOCKHOLM_2014)
    data["key"] = "malmo-2026"
    data["questions"][0]["text_sv"] = "Använder ni ordet innovation?"
    data["questions"][13]["options"].append(
        {"key": "students", "label_sv": "Studenter", "label_en": "Students"}
    )

    copy = template_from_dict(data)

    assert copy.key == "malmo-2026"
    assert copy.question("uses_concept").text_sv == "Använder ni ordet innovation?"
    assert [o.key for o in copy.question("idea_sources").options][-1] == "students"
