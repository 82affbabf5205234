-- wrk script: each request searches for one of 200 phrases practitioners use, chosen at random, so that
-- caches of whole answers help little. Path from the command line's URL (/api/reviews/ or /reviews/):
--   wrk -t2 -c50 -d20s -s loadtest/varied_searches.lua http://127.0.0.1:8001/api/reviews/
local phrases = {
  "bruising non-mobile baby", "coercive control", "missing from education", "self-neglect hoarding",
  "county lines exploitation", "neglect", "domestic abuse", "co-sleeping", "safe sleep", "sudden infant death",
  "non-accidental injury", "head injury infant", "fractured ribs", "shaken baby", "abusive head trauma",
  "was not brought", "missed health appointments", "health visitor", "school nurse", "gp records",
  "information sharing", "professional curiosity", "escalation", "disguised compliance", "start again syndrome",
  "invisible father", "father not known to services", "male carers", "new partner", "mother's boyfriend",
  "parental mental health", "postnatal depression", "maternal mental health", "substance misuse",
  "alcohol misuse", "drug use", "parental substance misuse", "toxic trio", "learning disability parent",
  "child sexual exploitation", "criminal exploitation", "online harm", "grooming online", "sexting",
  "harmful sexual behaviour", "intrafamilial sexual abuse", "female genital mutilation", "forced marriage",
  "honour based abuse", "modern slavery", "trafficking", "unaccompanied asylum seeking", "radicalisation",
  "private fostering", "kinship care", "special guardianship", "looked after child", "care leaver",
  "children in care placement breakdown", "residential children's home", "secure accommodation",
  "youth justice", "knife crime", "gang violence", "serious youth violence", "adolescent neglect",
  "teenage suicide", "self-harm", "eating disorder", "camhs waiting list", "child mental health",
  "suicide young person", "bullying", "elective home education", "home educated", "school exclusion",
  "persistent absence", "attendance", "pupil referral unit", "neurodiversity", "autism",
  "adhd diagnosis", "disabled child", "complex health needs", "fabricated induced illness",
  "medical neglect", "dental neglect", "faltering growth", "malnutrition", "poor home conditions",
  "housing conditions", "homelessness", "temporary accommodation", "overcrowding", "poverty",
  "cost of living", "financial abuse", "adult safeguarding", "safeguarding adults review",
  "self-neglect", "hoarding", "care home", "domiciliary care", "pressure ulcers", "dementia",
  "mental capacity act", "deprivation of liberty", "best interests decision", "carer stress",
  "older person neglect", "elder abuse", "adult social care", "transition to adult services",
  "young adult", "cuckooing", "mate crime", "learning disabilities hospital", "hospital discharge",
  "ambulance delay", "police welfare check", "multi agency risk assessment conference", "marac",
  "mash referral", "strategy discussion", "section 47 enquiry", "child protection plan",
  "child in need", "early help", "thresholds", "case closure", "drift and delay", "supervision",
  "staff turnover", "caseloads", "agency workers", "record keeping", "chronology", "voice of the child",
  "lived experience", "seeing the child alone", "language barrier interpreter", "cultural competence",
  "racism", "ethnicity", "faith community", "travelling community", "gypsy roma traveller",
  "military family", "prison release", "probation", "mappa", "registered sex offender",
  "domestic homicide", "murder suicide", "stalking", "non-fatal strangulation", "pregnancy domestic abuse",
  "concealed pregnancy", "pre-birth assessment", "unborn baby", "neonatal abstinence", "premature baby",
  "twins", "sibling", "older sibling caring", "young carer", "grandparents", "extended family",
  "family network", "family group conference", "parenting assessment", "pre-proceedings",
  "care proceedings", "court order", "child arrangements", "contact with father", "separated parents",
  "parental conflict", "neglect tool", "graded care profile", "signs of safety", "think family",
  "trauma informed", "adverse childhood experiences", "attachment", "emotional abuse",
  "physical abuse", "sexual abuse", "neglect and emotional abuse", "bruises explained as accidental",
  "burns", "scalds", "drowning bath", "dog attack", "road traffic collision", "fire death",
  "carbon monoxide", "unsafe sleeping sofa", "baby sleeping with parent after drinking",
  "grandmother worried toddler bruises", "nursery raised concerns", "teacher noticed injuries",
  "midwife concerns", "a&e attendances", "repeat attendances emergency department",
  "covid lockdown", "pandemic remote visits", "virtual contact", "out of area placement",
  "cross border", "wales", "london", "neglect -alcohol", "\"health visitor\"", "\"information sharing\"",
  "\"coercive control\" pregnancy", "exploitation -online", "mental health housing"
}

local function encode(text)
  return (text:gsub("[^%w%-%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local base
function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000))
end

request = function()
  base = base or wrk.path
  local sep = base:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", base .. sep .. "q=" .. encode(phrases[math.random(#phrases)]))
end
