-- +goose Up
-- The action plans that answer a feedback item, linked by its owners, so
-- the people who raised it can follow what is being done.
CREATE TABLE board_item_actions (
    item_id   BIGINT NOT NULL REFERENCES board_items (id) ON DELETE CASCADE,
    action_id BIGINT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, action_id)
);
CREATE INDEX board_item_actions_action ON board_item_actions (action_id, item_id);

-- +goose Down
DROP TABLE board_item_actions;
