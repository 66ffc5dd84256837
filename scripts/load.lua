-- wrk against `homeward serve`: each connection mixes searches (reads) with contact-log
-- entries and field updates on inquiries (writes), as coordinators at work would.
--   HOMEWARD_TOKEN=… HOMEWARD_LOAD_REFERENCES=refs.txt wrk -t2 -c50 -d30s -s scripts/load.lua URL
-- Every response that is not 2xx is an error; `done` prints the counts the load run checks
-- (acknowledged contact entries must all be in the database afterwards; wrk stops with
-- requests in flight, so the sent counts bound what the database may hold beyond them).
local token = os.getenv("HOMEWARD_TOKEN")
local references = {}
for line in io.lines(os.getenv("HOMEWARD_LOAD_REFERENCES")) do references[#references + 1] = line end
local names = { "Shevchenko", "Kovalenko", "Бондаренко", "Tkachenko", "Мельник", "Kravchenko", "Oliynyk", "Шевчук" }
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  counter, contacts, updates, searches, errors = 0, 0, 0, 0, 0
  sent_contacts, sent_updates = 0, 0
  math.randomseed(id * 7919)
end

local function escape(text)
  return (text:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  counter = counter + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  local reference = references[math.random(#references)]
  local pick = counter % 10
  if pick < 6 then
    return wrk.format("GET", "/search?q=" .. escape(names[math.random(#names)]) .. "&limit=20", headers)
  elseif pick < 8 then
    sent_contacts = sent_contacts + 1
    return wrk.format("POST", "/inquiries/" .. reference .. "/contacts", headers,
      '{"channel":"phone","note":"load run call ' .. id .. "-" .. counter .. '","outcome":"no_answer"}')
  else
    sent_updates = sent_updates + 1
    return wrk.format("PATCH", "/inquiries/" .. reference, headers,
      '{"person":{"unit":"unit ' .. id .. "-" .. counter .. '"}}')
  end
end

function response(status, headers, body)
  -- wrk answers in order on each connection, but several connections share a thread: count
  -- by what the body says instead of guessing which request this was.
  if status == 201 and body:find('"contact_count"', 1, true) then
    contacts = contacts + 1
  elseif status == 200 and body:find('"changed"', 1, true) then
    updates = updates + 1
  elseif status == 200 then
    searches = searches + 1
  else
    errors = errors + 1
    if errors <= 5 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
  local c, u, s, e, sc, su = 0, 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("contacts"); u = u + thread:get("updates")
    s = s + thread:get("searches"); e = e + thread:get("errors")
    sc = sc + thread:get("sent_contacts"); su = su + thread:get("sent_updates")
  end
  io.write(string.format("load: requests %d, searches %d, contacts %d, updates %d, errors %d, socket errors %d\n",
    summary.requests, s, c, u, e, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("load: throughput %.1f req/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("load: acknowledged contacts %d\n", c))
  io.write(string.format("load: sent contacts %d, sent updates %d\n", sc, su))
end
