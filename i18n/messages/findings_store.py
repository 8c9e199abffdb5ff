"""Messages of the findings store (db/findings_store.py) and the analytics (db/analytics_store.py)."""

MESSAGES = {
    "findings_store.not_reader": (
        "只有本次演练的导调、评估组长和本单位的监督人员可以在演练结束后查看",
        "Only the drill's directors and evaluation leads and the unit's overseers can see this after the end",
    ),
    "findings_store.not_editor": (
        "只有本次演练的评估组长或导调人员可以这样操作",
        "Only the drill's evaluation leads or directors can do this",
    ),
    "findings_store.not_participant": (
        "只有本次演练的参演人员可以提交自评",
        "Only the drill's participants can submit a review",
    ),
    "findings_store.version_conflict": (
        "{finding_id} 已被他人修改，请重新载入后再保存",
        "{finding_id} was changed by someone else: reload it and save again",
    ),
    "findings_store.finding_not_found": (
        "找不到问题 {finding_id}",
        "Finding {finding_id} not found",
    ),
    "findings_store.action_not_found": (
        "找不到纠正行动 {action_id}",
        "Corrective action {action_id} not found",
    ),
    "findings_store.not_weights": (
        "只有管理员或本单位的评估组长可以设置评估项权重",
        "Only an admin or an evaluation lead of the unit can set area weights",
    ),
    "findings_store.bad_weight": (
        "评估项 {area} 的权重 {weight} 无效",
        "Invalid weight {weight} for area {area}",
    ),
    "findings_store.reason_required": (
        "改定评估项 {area} 的等级须说明理由",
        "A reason is required to override the rating of {area}",
    ),
    "findings_store.bad_override": (
        "评估项 {area} 或等级 {rating} 无效",
        "Unknown area {area} or rating {rating}",
    ),
    "analytics.not_allowed": (
        "只有本单位的管理、导调和评估组长人员可以查看跨演练分析",
        "Only the unit's managers, drill directors and evaluation leads can see the analytics",
    ),
}
