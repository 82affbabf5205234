-- wrk script: each request searches for one of the phrases practitioners use (loadtest/practitioner_searches.txt,
-- which bench_search also reads), chosen at random, so that caches of whole answers help little. Path from the
-- command line's URL (/api/reviews/ or /reviews/); run from the project's folder:
--   wrk -t2 -c50 -d20s -s loadtest/varied_searches.lua http://127.0.0.1:8001/api/reviews/
local phrases = {}
for line in io.lines("loadtest/practitioner_searches.txt") do
  if line ~= "" then phrases[#phrases + 1] = line end
end

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
