-- crosscheck for Neovim's built-in LSP client (0.11+: vim.lsp.config / vim.lsp.enable).
-- Put this folder on your runtimepath, or copy this file to ~/.config/nvim/lsp/crosscheck.lua.
--
-- The workspace is the nearest folder above the article that holds a crosscheck.toml; without
-- one, the server takes the article's own folder as the set of sources, so a folder of reports
-- of one event works as it is.
return {
  cmd = { 'crosscheck' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'crosscheck.toml' },
}
