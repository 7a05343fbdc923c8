-- Headless Neovim 0.11 test of the shipped config: open a seed, wait for the Pokrovsk
-- diagnostic, hover on "115,600" and expect another seed in the hover.
-- Then, in DRAFT_DIR (copies of the seeds and draft.txt), apply the quick fix of a wrong figure
-- and save the file.
-- Usage: nvim --headless -u NONE -l tests/nvim/check.lua REPO_ROOT DRAFT_DIR
local repo = assert(arg[1], 'usage: check.lua REPO_ROOT DRAFT_DIR')
local draft_dir = assert(arg[2], 'usage: check.lua REPO_ROOT DRAFT_DIR')

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  os.exit(1)
end

-- -u NONE skips what a user's Neovim does by default: detect filetypes.
vim.cmd('filetype on')
vim.lsp.config('crosscheck', dofile(repo .. '/editors/nvim/lsp/crosscheck.lua'))
-- Settings from Lua, as a user's init.lua would give them: figure conflicts as errors.
vim.lsp.config('crosscheck', { settings = { crosscheck = { severity = { ['figure-conflict'] = 'error' } } } })
vim.lsp.enable('crosscheck')
vim.cmd('edit ' .. vim.fn.fnameescape(repo .. '/seeds/000_6d7eafbd92b84179.txt'))
if vim.bo.filetype ~= 'text' then
  fail('filetype is ' .. vim.bo.filetype .. ', not text')
end

local function pokrovsk()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == 'control-disputed' and d.message:find('Pokrovsk', 1, true) then
      return d
    end
  end
end
if not vim.wait(60000, function() return pokrovsk() ~= nil end, 50) then
  fail('no Pokrovsk diagnostic; got ' .. vim.inspect(vim.diagnostic.get(0)))
end
local diagnostic = pokrovsk()
if diagnostic.severity ~= vim.diagnostic.severity.INFO then
  fail('the Pokrovsk dispute should be information, got severity ' .. diagnostic.severity)
end
if diagnostic.source ~= 'crosscheck' then
  fail('diagnostic source ' .. tostring(diagnostic.source))
end
io.stdout:write('diagnostic: ' .. diagnostic.lnum + 1 .. ':' .. diagnostic.col + 1 .. ' ' .. diagnostic.message:sub(1, 80) .. '\n')

local client = vim.lsp.get_clients({ bufnr = 0, name = 'crosscheck' })[1]
if not client then
  fail('no crosscheck client attached')
end
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
local row, col
for i, line in ipairs(lines) do
  local at = line:find('115,600', 1, true)
  if at then
    row, col = i, at + 1
    break
  end
end
if not row then
  fail('no 115,600 in the seed')
end
vim.api.nvim_win_set_cursor(0, { row, col - 1 })
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 20000)
local hover = responses and responses[client.id] and responses[client.id].result
if not hover then
  fail('no hover on 115,600: ' .. vim.inspect(responses))
end
local text = hover.contents.value or ''
if not text:find('002_aa8f28831cedf40a.txt#L13', 1, true) then
  fail('the hover does not link the other seed: ' .. text)
end
io.stdout:write('hover names 002_aa8f28831cedf40a.txt:13 (encoding ' .. client.offset_encoding .. ')\n')

-- Go to the evidence: definition and references from the same figure.
local function result_of(method, extra)
  local request = vim.tbl_extend('force', params, extra or {})
  local responses = vim.lsp.buf_request_sync(0, method, request, 20000)
  return responses and responses[client.id] and responses[client.id].result
end
local definition = result_of('textDocument/definition')
local target = definition and (definition.uri or (definition[1] and definition[1].uri))
if not target or not target:find('002_aa8f28831cedf40a.txt', 1, true) then
  fail('definition of 115,600 does not go to seed 002: ' .. vim.inspect(definition))
end
io.stdout:write('definition goes to ' .. vim.fs.basename(vim.uri_to_fname(target)) .. '\n')
local references = result_of('textDocument/references', { context = { includeDeclaration = false } })
if not references or #references == 0 then
  fail('no references for 115,600')
end
io.stdout:write('references: ' .. #references .. '\n')

-- The outline of the article's claims.
local symbols = vim.lsp.buf_request_sync(0, 'textDocument/documentSymbol', { textDocument = params.textDocument }, 20000)
local names = {}
for _, symbol in ipairs((symbols and symbols[client.id] and symbols[client.id].result) or {}) do
  names[symbol.name] = true
end
if not names['more than 19 per cent'] then
  fail('the outline lacks the share: ' .. vim.inspect(vim.tbl_keys(names)))
end
io.stdout:write('outline lists ' .. vim.tbl_count(names) .. ' claims\n')

-- A quick fix, applied by Neovim and saved.
vim.cmd('edit ' .. vim.fn.fnameescape(draft_dir .. '/draft.txt'))
local function conflict()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == 'figure-conflict' then
      return d
    end
  end
end
if not vim.wait(60000, function() return conflict() ~= nil end, 50) then
  fail('no figure-conflict on the draft: ' .. vim.inspect(vim.diagnostic.get(0)))
end
local draft_client = vim.lsp.get_clients({ bufnr = 0, name = 'crosscheck' })[1]
if not vim.wait(20000, function() return conflict().severity == vim.diagnostic.severity.ERROR end, 50) then
  fail('the severity set in Lua settings did not take effect: ' .. vim.inspect(conflict()))
end
io.stdout:write('settings from Lua: figure-conflict is an error\n')
local d = conflict()
local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
local actions = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = range,
  context = { diagnostics = {} },
}, 20000)
local action = actions and actions[draft_client.id] and actions[draft_client.id].result and actions[draft_client.id].result[1]
if not action or not action.edit then
  fail('no quick fix for the figure: ' .. vim.inspect(actions))
end
vim.lsp.util.apply_workspace_edit(action.edit, draft_client.offset_encoding)
-- Diagnostics follow the edit: the conflict is gone once the server has the new text.
if not vim.wait(20000, function() return conflict() == nil end, 50) then
  fail('the figure-conflict stayed after the fix: ' .. vim.inspect(vim.diagnostic.get(0)))
end
io.stdout:write('diagnostics followed the edit\n')
vim.cmd('write')
io.stdout:write('applied: ' .. action.title .. '\n')
os.exit(0)
