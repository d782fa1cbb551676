"""The thesauri of the monitoring app: choices shared by models, forms, imports and charts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class VictimGroup(models.TextChoices):
    JOURNALIST = "journalist", _("Journalist")
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender", _("Human rights defender")
    LAWYER = "lawyer", _("Lawyer")
    ACTIVIST = "activist", _("Activist")
    POLITICIAN = "politician", _("Politician")
    DIPLOMAT = "diplomat", _("Diplomat")
    FAMILY_MEMBER = "family_member", _("Family member")
    CIVIL_SOCIETY_STAFF = "civil_society_staff", _("Staff of a civil-society organisation")
    ACADEMIC = "academic", _("Academic or researcher")
    RELIGIOUS_LEADER = "religious_leader", _("Religious leader")
    ROYAL = "royal", _("Member of a royal family or their staff")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class AffiliationType(models.TextChoices):
    MEDIA = "media", _("News media")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    LEGAL = "legal", _("Legal profession")
    POLITICAL = "political", _("Political party or parliament")
    GOVERNMENT = "government", _("Government or royal court")
    ACADEMIC = "academic", _("Academia")
    RELIGIOUS = "religious", _("Religious body")
    FAMILY = "family", _("Family of a targeted person")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class NameBasis(models.TextChoices):
    PUBLIC_FIGURE = "public_figure", _("Public figure who spoke publicly about the attack")
    CONSENT = "consent", _("Consent of the person, recorded")
    NONE = "none", _("No basis recorded: the name stays restricted")


class Verification(models.TextChoices):
    ALLEGED = "alleged", _("Alleged")
    CREDIBLE = "credible", _("Credible (corroborated reporting)")
    CONFIRMED = "confirmed", _("Confirmed by forensic analysis")


class AttackResult(models.TextChoices):
    ATTEMPTED = "attempted", _("Attempted")
    SUCCESSFUL = "successful", _("Successful infection")
    UNKNOWN = "unknown", _("Not known")


class AttackVector(models.TextChoices):
    ZERO_CLICK = "zero_click", _("Zero-click exploit")
    SMS = "sms", _("SMS message with a link")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LINK = "link", _("Malicious link (other messaging)")
    NETWORK_INJECTION = "network_injection", _("Network injection (man in the middle)")
    EMAIL = "email", _("E-mail")
    PHYSICAL = "physical", _("Physical access to the device")
    OTHER = "other", _("Other")


class Right(models.TextChoices):
    PRIVACY = "privacy", _("Privacy (ICCPR art. 17)")
    EXPRESSION = "expression", _("Freedom of expression (art. 19)")
    ASSOCIATION = "association", _("Freedom of association (art. 22)")
    ASSEMBLY = "assembly", _("Peaceful assembly (art. 21)")
    LIBERTY = "liberty", _("Liberty and security of person (art. 9)")
    LIFE = "life", _("Life (art. 6)")
    FAIR_TRIAL = "fair_trial", _("Fair trial (art. 14)")
    PARTICIPATION = "participation", _("Participation in public affairs (art. 25)")


class Mandate(models.TextChoices):
    EXPRESSION = "sr_expression", _("Special Rapporteur on freedom of expression")
    PRIVACY = "sr_privacy", _("Special Rapporteur on the right to privacy")
    DEFENDERS = "sr_defenders", _("Special Rapporteur on human rights defenders")
    ASSEMBLY = "sr_assembly", _("Special Rapporteur on peaceful assembly and association")
    TERRORISM = "sr_terrorism", _("Special Rapporteur on counter-terrorism and human rights")
    JUDGES = "sr_judges", _("Special Rapporteur on the independence of judges and lawyers")
    DETENTION = "wg_detention", _("Working Group on Arbitrary Detention")
    BUSINESS = "wg_business", _("Working Group on business and human rights")
    MERCENARIES = "wg_mercenaries", _("Working Group on the use of mercenaries")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (restricted)")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn from publication")


class CommunicationKind(models.TextChoices):
    ALLEGATION = "AL", _("Allegation letter")
    URGENT_APPEAL = "UA", _("Urgent appeal")
    OTHER_LETTER = "OL", _("Other letter")


class AddresseeKind(models.TextChoices):
    STATE = "state", _("State")
    COMPANY = "company", _("Company")


class ReplyAssessment(models.TextChoices):
    SUBSTANTIVE = "substantive", _("Substantive: answers the questions raised")
    PARTIAL = "partial", _("Partial: answers some questions")
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement only")
    REJECTION = "rejection", _("Rejects the allegations without substance")
    NOT_ASSESSED = "not_assessed", _("Not yet assessed")
