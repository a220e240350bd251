package actions

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/input"
)

// Create adds an action. drivers maps the driver keys that may be linked
// to their names. A request key seen before returns the action it
// created, so a retried form creates one action.
func (s *Service) Create(ctx context.Context, in Input, drivers map[string]string, actor string) (Action, error) {
	a, errs := validate(in, drivers)
	if len(errs) > 0 {
		return Action{}, errs
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if in.RequestKey != "" {
			var seen Action
			err := tx.Where("request_key = ?", in.RequestKey).First(&seen).Error
			if err == nil {
				a = seen
				return nil
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("actions: request key: %w", err)
			}
			a.RequestKey = &in.RequestKey
		}
		owner, err := findOwner(tx, in.OwnerEmail)
		if err != nil {
			return err
		}
		a.OwnerID, a.CreatedBy = owner.ID, actor
		a.CreatedAt, a.UpdatedAt = s.now(), s.now()
		if err := tx.Create(&a).Error; err != nil {
			return fmt.Errorf("actions: create: %w", err)
		}
		if err := setDrivers(tx, a.ID, a.Drivers); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "action.create", target(a), describe(a, owner, drivers))
	})
	return a, err
}

// Edit changes an action's title, owner, target date and drivers. Its
// status changes only through dated updates (AddUpdate).
func (s *Service) Edit(ctx context.Context, id int64, in Input, drivers map[string]string, actor string) (Action, error) {
	return s.change(ctx, id, func(tx *gorm.DB, a *Action) error {
		in.TeamID, in.Status, in.Reason = a.TeamID, string(a.Status), a.Reason
		edited, errs := validate(in, drivers)
		if len(errs) > 0 {
			return errs
		}
		owner, err := findOwner(tx, in.OwnerEmail)
		if err != nil {
			return err
		}
		a.Title, a.TargetDate, a.OwnerID, a.UpdatedAt = edited.Title, edited.TargetDate, owner.ID, s.now()
		if err := tx.Select("title", "target_date", "owner_id", "updated_at").Save(a).Error; err != nil {
			return fmt.Errorf("actions: edit %d: %w", id, err)
		}
		if err := setDrivers(tx, a.ID, edited.Drivers); err != nil {
			return err
		}
		a.Drivers = edited.Drivers
		return s.audit.Record(ctx, tx, actor, "action.edit", target(*a), describe(*a, owner, drivers))
	})
}

// AddUpdate dates a line of progress on an action and, when it names a
// status, moves the action to it; moving to "won't do" makes the text its
// reason. A request key seen before adds nothing more.
func (s *Service) AddUpdate(ctx context.Context, id int64, in UpdateInput, actor string) (Action, error) {
	u, errs := validateUpdate(in)
	if len(errs) > 0 {
		return Action{}, errs
	}
	return s.change(ctx, id, func(tx *gorm.DB, a *Action) error {
		if in.RequestKey != "" {
			var n int64
			if err := tx.Model(&Update{}).Where("request_key = ?", in.RequestKey).Count(&n).Error; err != nil {
				return fmt.Errorf("actions: request key: %w", err)
			}
			if n > 0 {
				return nil
			}
			u.RequestKey = &in.RequestKey
		}
		if u.Status == a.Status {
			u.Status = "" // the same status again changes nothing
		}
		u.ActionID, u.CreatedBy, u.CreatedAt = a.ID, actor, s.now()
		if err := tx.Create(&u).Error; err != nil {
			return fmt.Errorf("actions: update %d: %w", id, err)
		}
		if u.Status != "" {
			a.Status, a.Reason = u.Status, ""
			if u.Status == WontDo {
				a.Reason = u.Body
			}
		}
		a.UpdatedAt = u.CreatedAt
		if err := tx.Select("status", "reason", "updated_at").Save(a).Error; err != nil {
			return fmt.Errorf("actions: status %d: %w", id, err)
		}
		detail := u.Body
		if u.Status != "" {
			detail = u.Status.Label() + ": " + detail
		}
		return s.audit.Record(ctx, tx, actor, "action.update", target(*a), detail)
	})
}

// change loads action id in a transaction, lets f change it, and reads it
// back whole.
func (s *Service) change(ctx context.Context, id int64, f func(tx *gorm.DB, a *Action) error) (Action, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a Action
		err := tx.First(&a, id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("actions: find %d: %w", id, err)
		}
		return f(tx, &a)
	})
	if err != nil {
		return Action{}, err
	}
	return s.Get(ctx, id)
}

func findOwner(tx *gorm.DB, email string) (directory.Person, error) {
	var p directory.Person
	email = strings.TrimSpace(email)
	err := tx.Where("lower(email) = lower(?) AND active", email).First(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return p, FieldErrors{"owner": input.M("actions.invalid.owner_unknown", "Email", email)}
	}
	if err != nil {
		return p, fmt.Errorf("actions: owner: %w", err)
	}
	return p, nil
}

func setDrivers(tx *gorm.DB, id int64, keys []string) error {
	if err := tx.Where("action_id = ?", id).Delete(&actionDriver{}).Error; err != nil {
		return fmt.Errorf("actions: drivers of %d: %w", id, err)
	}
	rows := make([]actionDriver, len(keys))
	for i, k := range keys {
		rows[i] = actionDriver{ActionID: id, DriverKey: k}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("actions: drivers of %d: %w", id, err)
	}
	return nil
}

func target(a Action) string {
	if a.TeamID == nil {
		return fmt.Sprintf("organisation action %d", a.ID)
	}
	return fmt.Sprintf("team %d action %d", *a.TeamID, a.ID)
}

func describe(a Action, owner directory.Person, drivers map[string]string) string {
	names := make([]string, len(a.Drivers))
	for i, k := range a.Drivers {
		names[i] = drivers[k]
	}
	return fmt.Sprintf("%s (%s; owner %s; by %s; %s)", a.Title, strings.Join(names, ", "), owner.Email, a.TargetDate, a.Status.Label())
}
