"""Messages of conflicts between evaluators (ui/conflicts.py, db/drills_conflicts.py) and of drill
objectives, evaluation criteria and team (ui/objectives.py, drills/objectives.py,
db/drills_objectives.py)."""

MESSAGES = {
    "access.drill_leads_only": (
        "只有本次演练的导调和评估组长可以这样做",
        "Only the drill's directors and evaluation leads may do this",
    ),
    "audit.action.drill.settle_conflict": ("裁定评估冲突", "settle a conflict between evaluators"),
    "audit.action.drill.rate_objective": ("评定演练目标", "rate a drill objective"),
    # conflicts
    "conflicts.title": (
        "评估人员记录冲突（待裁定 {n} 项）",
        "Conflicts between evaluators ({n} open)",
    ),
    "conflicts.none_open": ("目前没有待裁定的冲突。", "No conflict is waiting to be settled."),
    "conflicts.you": ("{name}（本人）", "{name} (you)"),
    "conflicts.at": ("发生于 {time}", "at {time}"),
    "conflicts.amended": ("已更正", "amended"),
    "conflicts.evaluator_open": (
        "记录冲突：“{item}”",
        "Conflicting records: “{item}”",
    ),
    "conflicts.evaluator_hint": (
        "其他评估人员对同一项的记录与您不同，评估组长将裁定。如您记错了，可以撤销后重新记录。",
        (
            "Another evaluator recorded this item differently; the evaluation lead will "
            "settle it. If yours was a mistake, undo it and record it again."
        ),
    ),
    "conflicts.console_open": (
        "评估人员记录冲突 {n} 项，请评估组长在下方裁定：",
        "{n} conflicts between evaluators; the evaluation lead settles them below:",
    ),
    "conflicts.outcome": ("裁定结果", "Outcome that stands"),
    "conflicts.reason": ("裁定理由", "Reason"),
    "conflicts.settle": ("裁定", "Settle"),
    "conflicts.settled": ("已裁定", "Settled"),
    "conflicts.choose_outcome": ("请选择裁定结果", "Choose the outcome that stands"),
    "conflicts.settled_title": ("已裁定的冲突（{n}）", "Settled conflicts ({n})"),
    "conflicts.settled_line": (
        "“{item}” 裁定为 {outcome}（{who}：{reason}）",
        "“{item}” settled as {outcome} ({who}: {reason})",
    ),
    "drills_conflicts.no_reason": ("请填写裁定理由", "Give the reason for the settlement"),
    "drills_conflicts.bad_outcome": ("未知的裁定结果：{outcome}", "Unknown outcome: {outcome}"),
    "drills_conflicts.too_long": (
        "理由过长（最多 {limit} 字）",
        "Reason too long (at most {limit})",
    ),
    "drills_conflicts.not_open": (
        "该项已无冲突（记录已被撤销或更正）",
        "This item is no longer in conflict (an entry was undone or amended)",
    ),
    "drills_conflicts.changed": (
        "该项的记录刚刚有变化，请查看后再裁定",
        "The entries of this item changed just now; look at them again before settling",
    ),
    # objectives, criteria, team
    "objectives.tab": ("目的与评估组", "Objectives and team"),
    "objectives.title": ("演练目标评定", "Objectives"),
    "objectives.help": (
        "演练目的/目标：每项目标关联能力领域与预案阶段，演练后由评估组长按 P/S/M/U 评定。",
        (
            "Drill objectives: each is tied to capability areas and plan phases and is rated "
            "P/S/M/U by the evaluation lead after the drill."
        ),
    ),
    "objectives.none": ("尚未填写演练目标。", "No objectives yet."),
    "objectives.none_in_design": (
        "演练方案中没有演练目标。",
        "The drill design has no objectives.",
    ),
    "objectives.text": ("目标", "Objective"),
    "objectives.areas": ("能力领域", "Capability areas"),
    "objectives.phases": ("预案阶段", "Plan phases"),
    "objectives.add_title": ("添加演练目标", "Add an objective"),
    "objectives.add": ("添加目标", "Add objective"),
    "objectives.remove": ("删除目标", "Remove objectives"),
    "objectives.criteria": ("评估标准", "Evaluation criteria"),
    "objectives.criteria_help": (
        "评估人员据以评判的标准，例如 AQ/T 9009、GB/T 46792 或本单位的评估细则。",
        "What the evaluators judge by, e.g. AQ/T 9009, GB/T 46792 or your own rules.",
    ),
    "objectives.criteria_save": ("保存评估标准", "Save criteria"),
    "objectives.team": ("评估组", "Evaluation team"),
    "objectives.no_team": ("尚未指定评估人员。", "No evaluators named yet."),
    "objectives.post": ("职务", "Post"),
    "objectives.member": ("姓名", "Name"),
    "objectives.post.lead": ("评估组长", "Evaluation lead"),
    "objectives.post.evaluator": ("评估员", "Evaluator"),
    "objectives.rating": ("评定", "Rating"),
    "objectives.rating.P": ("P 顺利完成", "P performed without challenges"),
    "objectives.rating.S": ("S 基本完成（有一些问题）", "S performed with some challenges"),
    "objectives.rating.M": ("M 勉强完成（问题较大）", "M performed with major challenges"),
    "objectives.rating.U": ("U 未能完成", "U unable to be performed"),
    "objectives.note": ("评定说明", "Note"),
    "objectives.save_rating": ("保存评定", "Save rating"),
    "objectives.choose_rating": ("请选择评定等级", "Choose a rating"),
    "objectives.rated": ("评定已保存", "Rating saved"),
    "objectives.current": (
        "当前评定：{rating}（{who}，{at}）",
        "Rated {rating} ({who}, {at})",
    ),
    "drills.objective.duplicate": ("目标编号重复：{id}", "Objective id used twice: {id}"),
    "drills.objective.no_id": ("演练目标缺少编号", "An objective has no id"),
    "drills.objective.no_text": ("请填写目标内容（{id}）", "Objective {id} has no text"),
    "drills.objective.too_long": (
        "目标 {id} 的文字过长（最多 {limit} 字）",
        "Objective {id}: text too long (at most {limit})",
    ),
    "drills.objective.unknown_area": (
        "目标 {id}：未知的能力领域 {area}",
        "Objective {id}: unknown capability area {area}",
    ),
    "drills.objective.unknown_phase": (
        "目标 {id}：未知的预案阶段 {phase}",
        "Objective {id}: unknown plan phase {phase}",
    ),
    "drills.objective.unknown": ("没有这项演练目标：{id}", "No such objective: {id}"),
    "drills.objective.bad_rating": (
        "评定须为 P、S、M 或 U（收到 {rating}）",
        "A rating is P, S, M or U (got {rating})",
    ),
}
