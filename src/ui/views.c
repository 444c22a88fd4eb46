/* views.c: the one table of the interactive directory's views. A new view
 * is its own file (view_NAME.c, defining view_NAME_ops), a VIEW_ kind in
 * ui.h, and a line here. */
#include "teamtui/ui.h"

extern const view_ops view_dir_ops, view_group_ops, view_person_ops,
    view_people_ops, view_search_ops, view_help_ops, view_diags_ops,
    view_changes_ops, view_org_ops, view_escalate_ops, view_me_ops;

const view_ops *const ui_views[VIEW_KINDS] = {
	[VIEW_DIR] = &view_dir_ops,
	[VIEW_GROUP] = &view_group_ops,
	[VIEW_PERSON] = &view_person_ops,
	[VIEW_PEOPLE] = &view_people_ops,
	[VIEW_SEARCH] = &view_search_ops,
	[VIEW_HELP] = &view_help_ops,
	[VIEW_DIAGS] = &view_diags_ops,
	[VIEW_CHANGES] = &view_changes_ops,
	[VIEW_ORG] = &view_org_ops,
	[VIEW_ESCALATE] = &view_escalate_ops,
	[VIEW_ME] = &view_me_ops,
};
