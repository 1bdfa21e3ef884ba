"""The phonebook parser: every format PBXs serve, charsets, safety and bad replies."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.pbx.errors import PbxProtocolError
from desktop.pbx.models import Contact
from desktop.pbx.phonebook import parse_phonebook

TURKISH = "Şişli İğdır Çıkış Öğün Ümüş"
COMPANY = "Öztürk & Oğulları Ltd. Şti."


def parse(xml: str, content_type: str | None = None) -> list[Contact]:
    return parse_phonebook(xml.encode("utf-8"), content_type)


def refused(body: bytes, content_type: str | None = None) -> str:
    with pytest.raises(PbxProtocolError) as info:
        parse_phonebook(body, content_type)
    return str(info.value)


# ---------------------------------------------------------------- formats
@pytest.mark.parametrize(
    "root", ["CiscoIPPhoneDirectory", "YealinkIPPhoneDirectory", "SnomIPPhoneDirectory"]
)
def test_ip_phone_directory(root: str) -> None:
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<{root}>
  <Title>Öztürk &amp; Oğulları Rehber</Title>
  <Prompt>Kişi seçin</Prompt>
  <DirectoryEntry>
    <Name>Şükrü Çağlar</Name>
    <Telephone>0212 555 12 34</Telephone>
    <Telephone>+90 (532) 111-22.33</Telephone>
  </DirectoryEntry>
  <DirectoryEntry>
    <Name>İpek Gündüz</Name>
    <Telephone>101</Telephone>
  </DirectoryEntry>
  <DirectoryEntry>
    <Name>Öztürk &amp; Oğulları Ltd. Şti.</Name>
    <Telephone>0216 333 44 55</Telephone>
  </DirectoryEntry>
  <SoftKeyItem><Name>Dial</Name><URL>SoftKey:Dial</URL><Position>1</Position></SoftKeyItem>
</{root}>"""
    assert parse(xml) == [
        Contact("Şükrü Çağlar", ("02125551234", "+905321112233")),
        Contact("İpek Gündüz", ("101",)),
        Contact(COMPANY, ("02163334455",)),
    ]


def test_yealink_phone_book_with_menus_and_units_under_root() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<YealinkIPPhoneBook>
  <Title>Yealink</Title>
  <Menu Name="Satış">
    <Unit Name="Ayşe Yılmaz" Phone1="201" Phone2="0532 444 55 66" Phone3=""
          default_photo="Resource:"/>
    <Unit Name="Öztürk &amp; Oğulları Ltd. Şti." Phone1="" Phone2="" Phone3="0216 333 44 55"/>
  </Menu>
  <Menu Name="Destek">
    <Unit Name="Işık Güneş" Phone1="301" Phone2="" Phone3=""/>
    <Unit Name="Boş Kayıt" Phone1="" Phone2="" Phone3=""/>
  </Menu>
  <Unit Name="Çiğdem Öz" Phone1="401"/>
</YealinkIPPhoneBook>"""
    assert parse(xml) == [
        Contact("Ayşe Yılmaz", ("201", "05324445566")),
        Contact(COMPANY, ("02163334455",)),
        Contact("Işık Güneş", ("301",)),
        Contact("Çiğdem Öz", ("401",)),
    ]


def test_grandstream_address_book() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<AddressBook>
  <Contact>
    <LastName>Çelik</LastName>
    <FirstName>Gökhan</FirstName>
    <Phone type="Work">
      <phonenumber>0212 555 66 77</phonenumber><accountindex>1</accountindex>
    </Phone>
    <Phone type="Cell">
      <phonenumber>0533 123 45 67</phonenumber><accountindex>1</accountindex>
    </Phone>
    <Groups><groupid>2</groupid></Groups>
  </Contact>
  <Contact>
    <FirstName>Şebnem</FirstName>
    <Phone><phonenumber>102</phonenumber><accountindex>1</accountindex></Phone>
  </Contact>
  <Contact>
    <LastName>Öztürk &amp; Oğulları Ltd. Şti.</LastName>
    <Phone><phonenumber>103</phonenumber></Phone>
  </Contact>
  <Contact><FirstName>Numarasız</FirstName><Phone><phonenumber/></Phone></Contact>
</AddressBook>"""
    assert parse(xml) == [
        Contact("Gökhan Çelik", ("02125556677", "05331234567")),
        Contact("Şebnem", ("102",)),
        Contact(COMPANY, ("103",)),
    ]


def test_snom_tbook() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<tbook complete="true">
  <item context="active" type="none" fav="false" mod="true" index="0">
    <name>Ümit Kılıç</name>
    <number>0212 777 88 99</number>
    <number_type>sip</number_type>
    <search>Ümit</search>
  </item>
  <item context="active" type="none" fav="false" mod="true" index="1">
    <name>Öztürk &amp; Oğulları Ltd. Şti.</name>
    <number>104</number>
    <number>105</number>
  </item>
</tbook>"""
    assert parse(xml) == [
        Contact("Ümit Kılıç", ("02127778899",)),
        Contact(COMPANY, ("104", "105")),
    ]


def test_generic_attributes_yealink_local_contacts() -> None:
    xml = """<root_contact>
  <contact display_name="Derya Ağaoğlu" office_number="205" mobile_number="0544 111 22 33"
           other_number="" line="-1" ring="Auto" default_photo="Resource:"
           group_id_name="All Contacts"/>
</root_contact>"""
    assert parse(xml) == [Contact("Derya Ağaoğlu", ("205", "05441112233"))]


def test_generic_nested_groups_names_and_number_lists() -> None:
    xml = """<phonebook>
  <group name="Muhasebe">
    <contact>
      <fullname>Hülya Şen</fullname>
      <phones>
        <phone type="work">0212-555-0001</phone><phone type="mobile">0555 000 00 01</phone>
      </phones>
    </contact>
    <contact>
      <first_name>Tolga</first_name><last_name>Ünal</last_name>
      <Mobile>0555 000 00 02</Mobile><extension>210</extension>
    </contact>
  </group>
  <contact><company>Öztürk &amp; Oğulları Ltd. Şti.</company><tel>0216 000 00 03</tel></contact>
  <entry name="Ebru Şahin" phone="230"/>
</phonebook>"""
    assert parse(xml) == [
        Contact("Hülya Şen", ("02125550001", "05550000001")),
        Contact("Tolga Ünal", ("05550000002", "210")),
        Contact(COMPANY, ("02160000003",)),
        Contact("Ebru Şahin", ("230",)),
    ]


def test_namespaces_are_ignored() -> None:
    prefixed = """<d:directory xmlns:d="urn:example:directory">
  <d:entry><d:name>Ebru Şahin</d:name><d:number>220</d:number></d:entry>
</d:directory>"""
    default = """<CiscoIPPhoneDirectory xmlns="http://example.com/cisco">
  <DirectoryEntry><Name>Oğuz Kaan</Name><Telephone>221</Telephone></DirectoryEntry>
</CiscoIPPhoneDirectory>"""
    attributes = """<YealinkIPPhoneBook xmlns:y="urn:y">
  <y:Unit y:Name="Nur Işıl" y:Phone1="222"/>
</YealinkIPPhoneBook>"""
    assert parse(prefixed) == [Contact("Ebru Şahin", ("220",))]
    assert parse(default) == [Contact("Oğuz Kaan", ("221",))]
    assert parse(attributes) == [Contact("Nur Işıl", ("222",))]


@pytest.mark.parametrize(
    "xml",
    [
        "<CiscoIPPhoneDirectory><Title>Rehber</Title><Prompt>x</Prompt></CiscoIPPhoneDirectory>",
        "<YealinkIPPhoneBook><Title>Yealink</Title><Menu Name='Boş'/></YealinkIPPhoneBook>",
        "<AddressBook></AddressBook>",
        "<tbook complete='true'/>",
        "<?xml version='1.0'?>\n<phonebook>\n</phonebook>",
    ],
)
def test_empty_phonebook_is_an_empty_list(xml: str) -> None:
    assert parse(xml) == []


# ---------------------------------------------------------------- entries
def test_nameless_entry_is_listed_under_its_first_number() -> None:
    xml = """<CiscoIPPhoneDirectory>
  <DirectoryEntry>
    <Name>  </Name><Telephone>300</Telephone><Telephone>301</Telephone>
  </DirectoryEntry>
  <DirectoryEntry><Telephone>302</Telephone></DirectoryEntry>
</CiscoIPPhoneDirectory>"""
    assert parse(xml) == [Contact("300", ("300", "301")), Contact("302", ("302",))]


def test_element_of_unknown_kind_needs_a_name_field_to_count() -> None:
    # Without a name field, an unknown element is not an entry: a reply made only of
    # such records is a format this reader does not know, never an empty phonebook.
    message = refused(b"<list><row><number>303</number></row></list>")
    assert message == (
        "The PBX's phonebook is in a directory format that is not recognised "
        "(its root element is <list>)."
    )


def test_entry_holding_other_entries_lists_all_but_not_its_labelled_numbers() -> None:
    xml = """<contacts>
  <contact>
    <name>Öztürk &amp; Oğulları Ltd. Şti.</name>
    <phone><name>Santral</name><number>0216 333 44 55</number></phone>
    <staff>
      <contact><name>Ahmet Kaya</name><phone>101</phone></contact>
    </staff>
  </contact>
</contacts>"""
    assert parse(xml) == [Contact(COMPANY, ("02163334455",)), Contact("Ahmet Kaya", ("101",))]


def test_entries_without_usable_numbers_are_skipped() -> None:
    xml = """<tbook>
  <item><name>Numarasız</name></item>
  <item><name>Boş</name><number>   </number></item>
  <item><name>SIP adresi</name><number>sip:100@pbx.example</number></item>
  <item><name>Yıldızlar</name><number>*#</number></item>
  <item><name/><number/></item>
  <item><name>Kalan</name><number>ext 12</number><number>106</number></item>
</tbook>"""
    assert parse(xml) == [Contact("Kalan", ("106",))]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0212 123 45 67", "02121234567"),
        ("+90 (212) 123-45.67", "+902121234567"),
        ("0212/1234567", "02121234567"),
        ("\n\t 0212\u00a0123\u00a045\u00a067 \n", "02121234567"),
        ("0212 – 123 45 67", "02121234567"),
        ("*97", "*97"),
        ("#31#100", "#31#100"),
        ("00 90 212 123 45 67", "00902121234567"),
    ],
)
def test_numbers_lose_separators_only(raw: str, expected: str) -> None:
    xml = f"<tbook><item><name>Ali</name><number>{escape(raw)}</number></item></tbook>"
    assert parse(xml) == [Contact("Ali", (expected,))]


@pytest.mark.parametrize(
    "raw", ["sip:100@pbx", "ext. 12", "12+34", "+", "*#", "١٢٣", "１２３", "100,,5", "0212 x 1"]
)
def test_values_that_are_not_numbers_are_dropped(raw: str) -> None:
    xml = f"<tbook><item><name>Ali</name><number>{escape(raw)}</number></item></tbook>"
    assert parse(xml) == []


def test_duplicates_merge_keeping_first_appearance() -> None:
    xml = """<tbook>
  <item><name>Ali Veli</name><number>100</number></item>
  <item><name>Ayşe</name><number>200</number></item>
  <item><name>  ali
     VELİ </name><number>101</number><number>100</number></item>
  <item><name>ALİ VELİ</name><number>102</number><number>102</number></item>
  <item><name>IŞIK</name><number>300</number></item>
  <item><name>Işık</name><number>301</number></item>
  <item><name>AYŞE</name><number>200</number></item>
</tbook>"""
    assert parse(xml) == [
        Contact("Ali Veli", ("100", "101", "102")),
        Contact("Ayşe", ("200",)),
        Contact("IŞIK", ("300", "301")),
    ]


def test_names_have_whitespace_collapsed() -> None:
    xml = (
        "<tbook><item><name>\n  Öztürk   &amp;\tOğulları \n</name><number>1</number></item></tbook>"
    )
    assert parse(xml) == [Contact("Öztürk & Oğulları", ("1",))]


def test_decomposed_and_composed_names_are_one_contact() -> None:
    composed = "Şule"
    decomposed = "S\u0327ule"
    xml = (
        f"<tbook><item><name>{decomposed}</name><number>1</number></item>"
        f"<item><name>{composed}</name><number>2</number></item></tbook>"
    )
    assert parse(xml) == [Contact(composed, ("1", "2"))]


# ---------------------------------------------------------------- charsets
def tbook_bytes(name: str, encoding: str, declaration: str | None) -> bytes:
    prolog = f'<?xml version="1.0" encoding="{declaration}"?>\n' if declaration else ""
    xml = f"{prolog}<tbook><item><name>{escape(name)}</name><number>1</number></item></tbook>"
    return xml.encode(encoding)


@pytest.mark.parametrize("encoding", ["ISO-8859-9", "windows-1254", "UTF-8", "utf-16"])
def test_charset_from_the_xml_declaration(encoding: str) -> None:
    body = tbook_bytes(TURKISH, encoding, encoding)
    assert parse_phonebook(body) == [Contact(TURKISH, ("1",))]


@pytest.mark.parametrize(
    "content_type",
    [
        "text/xml; charset=iso-8859-9",
        'text/xml;charset="ISO-8859-9"',
        "application/xml; format=x; charset=latin5",
    ],
)
def test_charset_from_content_type_only(content_type: str) -> None:
    body = tbook_bytes(TURKISH, "iso-8859-9", None)
    assert parse_phonebook(body, content_type) == [Contact(TURKISH, ("1",))]
    assert parse_phonebook(b'<?xml version="1.0"?>' + body, content_type) == [
        Contact(TURKISH, ("1",))
    ]


def test_undeclared_legacy_charset_is_refused_rather_than_garbled() -> None:
    body = tbook_bytes(TURKISH, "iso-8859-9", None)
    assert "not valid utf-8 text" in refused(body).lower()
    assert "not valid utf-8 text" in refused(body, "text/xml; charset=utf-8").lower()


def test_xml_declaration_wins_over_content_type() -> None:
    body = tbook_bytes(TURKISH, "iso-8859-9", "iso-8859-9")
    assert parse_phonebook(body, "text/xml; charset=koi8-r") == [Contact(TURKISH, ("1",))]


def test_content_type_rescues_a_false_utf8_declaration() -> None:
    body = tbook_bytes(TURKISH, "iso-8859-9", "UTF-8")
    assert parse_phonebook(body, "text/xml; charset=iso-8859-9") == [Contact(TURKISH, ("1",))]


def test_utf8_bom_is_tolerated_and_wins_over_content_type() -> None:
    body = codecs.BOM_UTF8 + tbook_bytes(TURKISH, "utf-8", "UTF-8")
    assert parse_phonebook(body) == [Contact(TURKISH, ("1",))]
    assert parse_phonebook(body, "text/xml; charset=iso-8859-9") == [Contact(TURKISH, ("1",))]
    no_declaration = codecs.BOM_UTF8 + tbook_bytes(TURKISH, "utf-8", None)
    assert parse_phonebook(no_declaration) == [Contact(TURKISH, ("1",))]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    body = tbook_bytes(TURKISH, encoding, "UTF-16")
    assert parse_phonebook(body) == [Contact(TURKISH, ("1",))]


def test_utf16_declaration_on_ascii_bytes_is_read_as_utf8() -> None:
    body = tbook_bytes(TURKISH, "utf-8", "UTF-16")
    assert parse_phonebook(body) == [Contact(TURKISH, ("1",))]


def test_leading_whitespace_before_the_declaration_is_tolerated() -> None:
    body = b"\r\n  " + tbook_bytes(TURKISH, "iso-8859-9", "iso-8859-9")
    assert parse_phonebook(body) == [Contact(TURKISH, ("1",))]


@pytest.mark.parametrize(
    ("declaration", "content_type"),
    [("x-klingon", None), ("base64", None), (None, "text/xml; charset=x-klingon")],
)
def test_unknown_charset_is_refused(declaration: str | None, content_type: str | None) -> None:
    body = tbook_bytes("Ali", "ascii", declaration)
    assert "unknown character set" in refused(body, content_type)


# ---------------------------------------------------------------- safety
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tbook><item><name>&lol9;</name><number>1</number></item></tbook>"""


def test_billion_laughs_is_refused() -> None:
    assert "refused for safety" in refused(BILLION_LAUGHS)


def test_external_entity_is_refused_and_never_read() -> None:
    body = b"""<?xml version="1.0"?>
<!DOCTYPE tbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tbook><item><name>&xxe;</name><number>1</number></item></tbook>"""
    message = refused(body)
    assert "refused for safety" in message
    assert "root:" not in message


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE tbook><tbook/>",
        b'<!DOCTYPE tbook SYSTEM "http://attacker.example/x.dtd"><tbook/>',
        b'<!DOCTYPE t [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><tbook/>',
        b'<?xml version="1.0" encoding="ISO-8859-9"?>\n<!DOCTYPE t [<!ELEMENT t ANY>]><t/>',
    ],
)
def test_any_document_type_declaration_is_refused(body: bytes) -> None:
    assert "document type declaration" in refused(body)


def test_entity_reference_without_declaration_is_invalid_xml() -> None:
    assert "not valid XML" in refused(b"<tbook><item><name>&xxe;</name></item></tbook>")


# ---------------------------------------------------------------- bad replies
@pytest.mark.parametrize(
    "body",
    [
        b"<tbook><item><name>Ali</name><number>1</number></item>",
        b"<tbook><item><name>Ali</nam></item></tbook>",
        b"<tbook>\n<item name=Ali/>\n</tbook>",
        b"Unauthorized",
        b"\x00\x01\x02",
        b"[",
    ],
)
def test_malformed_reply_is_not_valid_xml(body: bytes) -> None:
    assert "not valid XML" in refused(body)


def test_malformed_reply_names_the_line() -> None:
    assert "line 3" in refused(b"<tbook>\n<item>\n<name>Ali</item>\n</tbook>")


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
        b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        b"<html>\r\n<head><title>502 Bad Gateway</title></head><body></body></html>",
        b'<?xml version="1.0"?>\n<!-- proxy -->\n<html xmlns="http://www.w3.org/1999/xhtml">'
        b"<head><title>502 Bad Gateway</title></head><body/></html>",
    ],
)
def test_html_page_is_reported_as_a_web_page(body: bytes) -> None:
    message = refused(body)
    assert "web page (502 Bad Gateway)" in message
    assert "safety" not in message


def test_web_page_title_that_may_hold_the_url_is_not_quoted() -> None:
    body = (
        b"<html><head><title>Not found: /api/old/get?username=demo&amp;password=s3cret"
        b"</title></head></html>"
    )
    message = refused(body)
    assert "web page" in message
    assert "s3cret" not in message


@pytest.mark.parametrize("body", [b"", b"   \r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_reply(body: bytes) -> None:
    assert refused(body) == "The PBX sent an empty phonebook."


@pytest.mark.parametrize(
    "body",
    [
        '[{"success":false,"message":"Kullanıcı adı veya şifre hatalı"}]',
        '{"success": false, "message": "Kullanıcı adı veya şifre hatalı", "data": []}',
    ],
)
def test_json_error_carries_the_server_message(body: str) -> None:
    message = refused(body.encode("utf-8"), "application/json; charset=utf-8")
    assert message.endswith(": Kullanıcı adı veya şifre hatalı")


@pytest.mark.parametrize(
    "body",
    [
        b'[{"success":false}]',
        b'{"success":false,"message":"bad request /api/old/get?password=s3cret"}',
        b'{"success":"false","message":["not", "text"]}',
        b"{}",
    ],
)
def test_json_error_without_a_quotable_message(body: bytes) -> None:
    assert refused(body) == "The PBX answered with an error instead of its phonebook."


@pytest.mark.parametrize("body", [b'[{"success":true,"count":0,"data":[]}]', b"[]", b"[1, 2]"])
def test_json_data_is_not_a_phonebook(body: bytes) -> None:
    assert refused(body) == "The PBX sent data in another format instead of its phonebook."


def test_deeply_nested_document_does_not_crash() -> None:
    depth = 100_000
    body = b"<a>" * depth + b"<name>Ali</name><number>1</number>" + b"</a>" * depth
    assert parse_phonebook(body) == [Contact("Ali", ("1",))]
    deep_name = b"<item><name>" + b"<b>" * depth + b"Ali" + b"</b>" * depth + b"</name>"
    assert parse_phonebook(deep_name + b"<number>1</number></item>") == [Contact("Ali", ("1",))]


def test_hundred_thousand_contacts() -> None:
    entries = "".join(
        f"<DirectoryEntry><Name>Şükrü Öztürk {i}</Name><Telephone>0212 555 {i:06d}</Telephone>"
        "</DirectoryEntry>\n"
        for i in range(100_000)
    )
    body = f"<CiscoIPPhoneDirectory>{entries}</CiscoIPPhoneDirectory>".encode()
    contacts = parse_phonebook(body)
    assert len(contacts) == 100_000
    assert contacts[0] == Contact("Şükrü Öztürk 0", ("0212555000000",))
    assert contacts[-1] == Contact("Şükrü Öztürk 99999", ("0212555099999",))


# ---------------------------------------------------------------- properties
SAMPLES = [
    tbook_bytes(TURKISH, "utf-8", "UTF-8"),
    tbook_bytes(TURKISH, "iso-8859-9", "ISO-8859-9"),
    BILLION_LAUGHS,
    b'<YealinkIPPhoneBook><Menu Name="A"><Unit Name="B" Phone1="1"/></Menu></YealinkIPPhoneBook>',
    b"<AddressBook><Contact><FirstName>A</FirstName><Phone><phonenumber>1</phonenumber>"
    b"</Phone></Contact></AddressBook>",
    b'[{"success":false,"message":"x"}]',
]


def check_reply(body: bytes, content_type: str | None) -> None:
    try:
        contacts = parse_phonebook(body, content_type)
    except PbxProtocolError as exc:
        assert str(exc)
        return
    assert isinstance(contacts, list)
    for contact in contacts:
        assert isinstance(contact, Contact)
        assert contact.name and contact.name == " ".join(contact.name.split())
        assert contact.numbers and len(set(contact.numbers)) == len(contact.numbers)


content_types = st.one_of(
    st.none(),
    st.sampled_from(["text/xml", "text/xml; charset=iso-8859-9", "text/html; charset=utf-16"]),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=2000), content_type=content_types)
def test_any_bytes_give_contacts_or_a_protocol_error(body: bytes, content_type: str | None) -> None:
    check_reply(body, content_type)


@settings(max_examples=300, deadline=None)
@given(
    sample=st.sampled_from(SAMPLES),
    patches=st.lists(st.tuples(st.integers(0, 400), st.binary(max_size=8)), max_size=6),
    content_type=content_types,
)
def test_mangled_phonebooks_give_contacts_or_a_protocol_error(
    sample: bytes, patches: list[tuple[int, bytes]], content_type: str | None
) -> None:
    body = sample
    for position, patch in patches:
        body = body[:position] + patch + body[position + len(patch) :]
    check_reply(body, content_type)


# Names as a person would type them: letters (Turkish too), digits, XML's
# special characters, single spaces between words.
NAME_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ0123456789&<>'\"-."
names = st.lists(st.text(NAME_ALPHABET, min_size=1, max_size=12), min_size=1, max_size=3).map(
    " ".join
)
numbers = st.lists(
    st.from_regex(r"\+?[0-9]{2,12}", fullmatch=True), min_size=1, max_size=3, unique=True
)
# Names the parser would merge (same letters, any case, either Turkish i) are
# kept apart, so a phonebook must come back exactly as written.
contacts = st.lists(
    st.builds(Contact, names, numbers.map(tuple)),
    max_size=8,
    unique_by=lambda c: c.name.casefold().replace("\u0307", "").replace("ı", "i"),
)


def render_directory(root: str) -> Callable[[list[Contact]], str]:
    def render(book: list[Contact]) -> str:
        entries = "".join(
            f"<DirectoryEntry><Name>{escape(c.name)}</Name>"
            + "".join(f"<Telephone>{n}</Telephone>" for n in c.numbers)
            + "</DirectoryEntry>"
            for c in book
        )
        return f"<{root}><Title>Rehber</Title>{entries}</{root}>"

    return render


def render_yealink_book(book: list[Contact]) -> str:
    units = "".join(
        f"<Unit Name={quoteattr(c.name)} "
        + " ".join(f'Phone{i}="{n}"' for i, n in enumerate(c.numbers, 1))
        + "/>"
        for c in book
    )
    return f'<YealinkIPPhoneBook><Menu Name="Hepsi">{units}</Menu></YealinkIPPhoneBook>'


def render_grandstream(book: list[Contact]) -> str:
    def contact(c: Contact) -> str:
        first, _, last = c.name.partition(" ")
        name = f"<FirstName>{escape(first)}</FirstName>"
        if last:
            name = f"<LastName>{escape(last)}</LastName>" + name
        phones = "".join(
            f"<Phone type='Work'><phonenumber>{n}</phonenumber>"
            "<accountindex>1</accountindex></Phone>"
            for n in c.numbers
        )
        return f"<Contact>{name}{phones}</Contact>"

    return f"<AddressBook>{''.join(map(contact, book))}</AddressBook>"


def render_tbook(book: list[Contact]) -> str:
    items = "".join(
        f"<item context='active' index='{i}'><name>{escape(c.name)}</name>"
        + "".join(f"<number>{n}</number>" for n in c.numbers)
        + "</item>"
        for i, c in enumerate(book)
    )
    return f"<tbook complete='true'>{items}</tbook>"


def render_generic(book: list[Contact]) -> str:
    rows = "".join(
        f"<p:contact displayname={quoteattr(c.name)}>"
        + "".join(f"<p:phone>{n}</p:phone>" for n in c.numbers)
        + "</p:contact>"
        for c in book
    )
    return f"<p:contacts xmlns:p='urn:example'>{rows}</p:contacts>"


RENDERERS = {
    "cisco": render_directory("CiscoIPPhoneDirectory"),
    "yealink-directory": render_directory("YealinkIPPhoneDirectory"),
    "snom-directory": render_directory("SnomIPPhoneDirectory"),
    "yealink-book": render_yealink_book,
    "grandstream": render_grandstream,
    "tbook": render_tbook,
    "generic": render_generic,
}


@pytest.mark.parametrize("style", RENDERERS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=contacts, encoding=st.sampled_from(["utf-8", "utf-16", "windows-1254"]))
def test_round_trip(style: str, book: list[Contact], encoding: str) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?>\n' + RENDERERS[style](book)
    assert parse_phonebook(xml.encode(encoding)) == book


# ---------------------------------------------------------------- more formats
def test_polycom_directory() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<directory>
  <item_list>
    <item><ln>Yıldız</ln><fn>Doğan</fn><ct>0532 123 45 67</ct><sd>1</sd><rt>1</rt>
      <dc/><ad>0</ad><ar>0</ar><bw>0</bw><bb>0</bb></item>
    <item><ln>Yıldız</ln><fn>Doğan</fn><ct>0212 555 01 00</ct><sd>2</sd></item>
    <item><fn>Resepsiyon</fn><ct>100</ct></item>
    <item><ln>Öztürk</ln><ct>101</ct></item>
  </item_list>
</directory>"""
    assert parse(xml) == [
        Contact("Doğan Yıldız", ("05321234567", "02125550100")),
        Contact("Resepsiyon", ("100",)),
        Contact("Öztürk", ("101",)),
    ]


def test_snom_tbook_2_numbers_as_attributes() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<tbook complete="true">
  <item context="active" type="none" fav="false" mod="true" index="0">
    <name>Şükrü Çağlar</name>
    <organization>Ege Yazılım A.Ş.</organization>
    <numbers>
      <number no="0532 111 22 33" type="mobile" outgoing_id="0"/>
      <number no="0212 555 12 34" type="business" outgoing_id="0"/>
      <number no="" type="home" outgoing_id="0"/>
    </numbers>
  </item>
  <item context="active" type="none" fav="true" mod="true" index="1">
    <name>İpek Gündüz</name>
    <numbers><number no="102" type="sip" outgoing_id="0"/></numbers>
  </item>
</tbook>"""
    assert parse(xml) == [
        Contact("Şükrü Çağlar", ("05321112233", "02125551234"), "Ege Yazılım A.Ş."),
        Contact("İpek Gündüz", ("102",)),
    ]


@pytest.mark.parametrize("separator", [" ::: ", ":::", "; ", ";"])
def test_several_numbers_in_one_field(separator: str) -> None:
    xml = (
        "<contacts><contact><name>John Smith</name>"
        f"<phone>+44 20 7946 0018{separator}0532 123 45 67</phone></contact></contacts>"
    )
    assert parse(xml) == [Contact("John Smith", ("+442079460018", "05321234567"))]


def test_company_is_read_beside_the_name() -> None:
    xml = """<AddressBook>
  <Contact><FirstName>Gökhan</FirstName><LastName>Çelik</LastName>
    <Company>Marmara Lojistik</Company><Phone><phonenumber>101</phonenumber></Phone></Contact>
  <Contact><Company>Atlas Gıda</Company><Phone><phonenumber>102</phonenumber></Phone></Contact>
</AddressBook>"""
    assert parse(xml) == [
        Contact("Gökhan Çelik", ("101",), "Marmara Lojistik"),
        Contact("Atlas Gıda", ("102",)),
    ]


def test_namesakes_stay_different_people() -> None:
    xml = """<CiscoIPPhoneDirectory>
  <DirectoryEntry><Name>Ahmet Yılmaz</Name><Telephone>0532 111 11 11</Telephone></DirectoryEntry>
  <DirectoryEntry><Name>Ahmet Yılmaz</Name><Telephone>0212 111 11 11</Telephone></DirectoryEntry>
  <DirectoryEntry><Name>Ayşe Kaya</Name><Telephone>0533 222 22 22</Telephone></DirectoryEntry>
  <DirectoryEntry><Name>Ahmet Yılmaz</Name><Telephone>0544 333 33 33</Telephone></DirectoryEntry>
  <DirectoryEntry><Name>AHMET YILMAZ</Name><Telephone>0532 111 11 11</Telephone></DirectoryEntry>
</CiscoIPPhoneDirectory>"""
    # Entries one after the other are one person's numbers (Cisco lists one per entry);
    # a later namesake with other numbers is someone else; a shared number is the same one.
    assert parse(xml) == [
        Contact("Ahmet Yılmaz", ("05321111111", "02121111111")),
        Contact("Ayşe Kaya", ("05332222222",)),
        Contact("Ahmet Yılmaz", ("05443333333",)),
    ]


def test_namesakes_at_different_companies_stay_apart_even_side_by_side() -> None:
    xml = """<tbook>
  <item><name>Ali Kaya</name><organization>Ege Gıda</organization><number>101</number></item>
  <item><name>Ali Kaya</name><organization>Atlas Holding</organization><number>102</number></item>
  <item><name>Ali Kaya</name><organization>Atlas Holding</organization><number>103</number></item>
</tbook>"""
    assert parse(xml) == [
        Contact("Ali Kaya", ("101",), "Ege Gıda"),
        Contact("Ali Kaya", ("102", "103"), "Atlas Holding"),
    ]


@pytest.mark.parametrize(
    ("xml", "root"),
    [
        ("<people><person nm='Ali' tl='101'/><person nm='Veli' tl='102'/></people>", "people"),
        ("<x:book xmlns:x='urn:x'><x:r><x:a>Ali</x:a><x:b>101</x:b></x:r></x:book>", "book"),
        ("<rows><row><col>Ali</col><col>101</col></row></rows>", "rows"),
    ],
)
def test_entries_none_of_which_can_be_read_are_an_unrecognised_format(xml: str, root: str) -> None:
    assert refused(xml.encode()) == (
        "The PBX's phonebook is in a directory format that is not recognised "
        f"(its root element is <{root}>)."
    )
    from desktop.pbx import ErrorCode, PbxProtocolError
    from desktop.pbx.phonebook import parse_phonebook

    with pytest.raises(PbxProtocolError) as caught:
        parse_phonebook(xml.encode())
    assert caught.value.code is ErrorCode.UNKNOWN_DIRECTORY_FORMAT  # worded in the UI by code
    assert caught.value.detail == root


@pytest.mark.parametrize(
    "xml",
    [
        "<directory><item_list/></directory>",
        "<tbook complete='true'><item><name>Numarasız</name></item></tbook>",
        "<CiscoIPPhoneDirectory><SoftKeyItem><Name>Dial</Name><URL>SoftKey:Dial</URL>"
        "</SoftKeyItem></CiscoIPPhoneDirectory>",
    ],
)
def test_directories_without_readable_numbers_but_known_shape_are_empty(xml: str) -> None:
    assert parse(xml) == []
