import type { ContextMenuParams, MenuItemConstructorOptions, WebContents } from 'electron';

/**
 * The right-click menu: spelling suggestions and "Add to Dictionary" for a
 * misspelled word, then the clipboard, each enabled only where it can act.
 */
export function contextMenuTemplate(params: ContextMenuParams, contents: WebContents): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (params.misspelledWord) {
    for (const suggestion of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: suggestion, click: () => contents.replaceMisspelling(suggestion) });
    }
    if (params.dictionarySuggestions.length === 0) items.push({ label: 'No spelling suggestions', enabled: false });
    items.push(
      { label: 'Add to Dictionary', click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord) },
      { type: 'separator' },
    );
  }
  const { editFlags } = params;
  if (params.isEditable || params.selectionText) {
    items.push(
      { role: 'cut', enabled: editFlags.canCut },
      { role: 'copy', enabled: editFlags.canCopy },
      { role: 'paste', enabled: editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: editFlags.canSelectAll },
    );
  }
  return items;
}
