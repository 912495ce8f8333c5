-- POST /api/get-public-user-profile for FC_USER_ID, with FC_TOKEN as bearer key when set.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("FC_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"userId":"' .. os.getenv("FC_USER_ID") .. '"}'
