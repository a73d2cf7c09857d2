using System.Text.Json.Nodes;

namespace LabelStudioMl.Bot.Testing.LabelStudio;

/// <summary>Serializers: the JSON shapes Label Studio answers with.</summary>
internal static class LsJson
{
    public const string AdminEmail = "admin@example.com";

    /// <summary><c>MLBackendSerializer</c> in <c>Meta.fields</c> order; the password is never written.</summary>
    public static JsonObject Backend(FakeBackend b) => new()
    {
        ["id"] = b.Id,
        ["state"] = b.State,
        ["readable_state"] = b.ReadableState,
        ["is_interactive"] = b.IsInteractive,
        ["url"] = b.Url,
        ["error_message"] = b.ErrorMessage,
        ["title"] = b.Title,
        ["auth_method"] = b.AuthMethod,
        ["basic_auth_user"] = b.BasicAuthUser,
        ["basic_auth_pass_is_set"] = !string.IsNullOrEmpty(b.BasicAuthPass),
        ["description"] = b.Description,
        ["extra_params"] = b.ExtraParams?.DeepClone(),
        ["model_version"] = b.ModelVersion,
        ["timeout"] = PythonFormats.Float(b.Timeout),
        ["created_at"] = PythonFormats.Timestamp(b.CreatedAt),
        ["updated_at"] = PythonFormats.Timestamp(b.UpdatedAt),
        ["auto_update"] = b.AutoUpdate,
        ["project"] = b.ProjectId,
    };

    /// <summary><c>WebhookSerializer</c> (<c>label_studio/webhooks/serializers.py</c>) in <c>Meta.fields</c> order.</summary>
    public static JsonObject Webhook(FakeWebhook w) => new()
    {
        ["id"] = w.Id,
        ["organization"] = 1,
        ["project"] = w.ProjectId,
        ["url"] = w.Url,
        ["send_payload"] = w.SendPayload,
        ["send_for_all_actions"] = w.SendForAllActions,
        ["headers"] = new JsonObject(),
        ["is_active"] = true,
        ["actions"] = new JsonArray(),
        ["created_at"] = PythonFormats.Timestamp(w.CreatedAt),
        ["updated_at"] = PythonFormats.Timestamp(w.CreatedAt),
    };

    /// <summary><c>ProjectSerializer</c> as listed by <c>GET /api/projects/</c>.</summary>
    public static JsonObject Project(FakeProject p) => new()
    {
        ["id"] = p.Id,
        ["title"] = p.Title,
        ["description"] = p.Description,
        ["label_config"] = p.LabelConfig,
        ["expert_instruction"] = "",
        ["show_instruction"] = false,
        ["show_skip_button"] = true,
        ["enable_empty_annotation"] = true,
        ["show_annotation_history"] = false,
        ["organization"] = 1,
        ["color"] = "#FFFFFF",
        ["maximum_annotations"] = 1,
        ["is_published"] = false,
        ["model_version"] = p.ModelVersion,
        ["is_draft"] = false,
        ["created_by"] = new JsonObject
        {
            ["id"] = FakeLabelStudio.AdminUserId,
            ["first_name"] = "",
            ["last_name"] = "",
            ["email"] = AdminEmail,
            ["avatar"] = null,
        },
        ["created_at"] = PythonFormats.Timestamp(p.CreatedAt),
        ["min_annotations_to_start_training"] = 0,
        ["start_training_on_annotation_update"] = false,
        ["show_collab_predictions"] = p.ShowCollabPredictions,
        ["num_tasks_with_annotations"] = 0,
        ["task_number"] = p.TaskIds.Count,
        ["useful_annotation_number"] = 0,
        ["ground_truth_number"] = 0,
        ["skipped_annotations_number"] = 0,
        ["total_annotations_number"] = 0,
        ["total_predictions_number"] = 0,
        ["sampling"] = "Sequential sampling",
        ["show_ground_truth_first"] = false,
        ["show_overlap_first"] = false,
        ["overlap_cohort_percentage"] = 100,
        ["task_data_login"] = null,
        ["task_data_password"] = null,
        ["control_weights"] = new JsonObject(),
        ["parsed_label_config"] = new JsonObject(),
        ["evaluate_predictions_automatically"] = false,
        ["config_has_control_tags"] = false,
        ["skip_queue"] = "REQUEUE_FOR_OTHERS",
        ["reveal_preannotations_interactively"] = false,
        ["pinned_at"] = null,
        ["finished_task_number"] = 0,
        ["queue_total"] = p.TaskIds.Count,
        ["queue_done"] = 0,
        ["config_suitable_for_bulk_annotation"] = false,
    };

    /// <summary><c>ProjectWebhookSerializer</c>-like data sent with START_TRAINING.</summary>
    public static JsonObject WebhookProject(FakeProject p)
    {
        var json = Project(p);
        json.Remove("created_by");
        return json;
    }

    /// <summary>A task as sent to <c>/predict</c> (with drafts, predictions and annotations).</summary>
    public static JsonObject Task(int taskId, JsonObject data, FakeProject p, DateTimeOffset now) => new()
    {
        ["id"] = taskId,
        ["data"] = data,
        ["meta"] = new JsonObject(),
        ["created_at"] = PythonFormats.Timestamp(p.CreatedAt),
        ["updated_at"] = PythonFormats.Timestamp(now),
        ["is_labeled"] = false,
        ["overlap"] = 1,
        ["inner_id"] = p.TaskIds.ToList().IndexOf(taskId) + 1,
        ["total_annotations"] = 0,
        ["cancelled_annotations"] = 0,
        ["total_predictions"] = 0,
        ["project"] = p.Id,
        ["file_upload"] = null,
        ["drafts"] = new JsonArray(),
        ["predictions"] = new JsonArray(),
        ["annotations"] = new JsonArray(),
    };

    /// <summary><c>UserWhoAmIAPI</c> in Community Edition.</summary>
    public static JsonObject WhoAmI(DateTimeOffset now) => new()
    {
        ["id"] = FakeLabelStudio.AdminUserId,
        ["first_name"] = "",
        ["last_name"] = "",
        ["username"] = "admin",
        ["email"] = AdminEmail,
        ["last_activity"] = PythonFormats.Timestamp(now),
        ["custom_hotkeys"] = new JsonObject(),
        ["avatar"] = null,
        ["initials"] = "ad",
        ["phone"] = "",
        ["active_organization"] = 1,
        ["active_organization_meta"] = new JsonObject { ["title"] = "Label Studio", ["email"] = AdminEmail },
        ["allow_newsletters"] = null,
        ["date_joined"] = "2025-08-01T09:00:00Z",
    };
}
