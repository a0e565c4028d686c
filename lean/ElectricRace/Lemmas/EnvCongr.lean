module

public import ElectricRace.Spec.Deadlock

/-!
# An action's guards read only its own parameters

`Enabled` quantifies over every environment `env : Param → Int`, so "no step is enabled" is not
a finite check as it stands. A guard reads the environment only at the parameters that occur
free in it (`eval_env_congr`); when those are among the action's declared parameters
(`guardsScoped`), and the bounds are `b1` (every domain has the single index `0`), a binding in
the domains is the all-zero environment on them (`bindingOk_b1`). So at `b1` an action is
enabled exactly when its guards hold under `fun _ => 0`, and `noneEnabledB`, a Boolean over the
rule list, decides `¬ Enabled` (`not_enabled_b1`). The deadlock witnesses rest on this.
-/

namespace ElectricRace

@[expose] public section

/-- Parameter `p` occurs free in the expression (quantifiers bind their variable). -/
noncomputable def Expr.freeIn (p : Param) : Expr → Bool
  | .lit _ => false
  | .param q => decide (q = p)
  | .cell0 _ => false
  | .cell1 _ i => i.freeIn p
  | .cell2 _ i j => i.freeIn p || j.freeIn p
  | .not a => a.freeIn p
  | .and a c => a.freeIn p || c.freeIn p
  | .or a c => a.freeIn p || c.freeIn p
  | .eq a c => a.freeIn p || c.freeIn p
  | .ne a c => a.freeIn p || c.freeIn p
  | .lt a c => a.freeIn p || c.freeIn p
  | .le a c => a.freeIn p || c.freeIn p
  | .add a c => a.freeIn p || c.freeIn p
  | .sub a c => a.freeIn p || c.freeIn p
  | .ite c a d => c.freeIn p || a.freeIn p || d.freeIn p
  | .all q _ body => !decide (q = p) && body.freeIn p
  | .any q _ body => !decide (q = p) && body.freeIn p

/-- `p` is one of the declared parameters. -/
noncomputable def inParams (p : Param) : List (Param × Dom) → Bool
  | [] => false
  | (q, _) :: ps => decide (q = p) || inParams p ps

/-- Every parameter free in `e` is declared. -/
noncomputable def exprScoped (ps : List (Param × Dom)) (e : Expr) : Bool :=
  (!e.freeIn .h || inParams .h ps) && (!e.freeIn .c || inParams .c ps) &&
  (!e.freeIn .k || inParams .k ps) && (!e.freeIn .t || inParams .t ps) &&
  (!e.freeIn .x || inParams .x ps) && (!e.freeIn .y || inParams .y ps)

/-- Every guard reads only declared parameters. -/
noncomputable def guardsScoped (ps : List (Param × Dom)) : List Guard → Bool
  | [] => true
  | g :: gs => exprScoped ps g.expr && guardsScoped ps gs

/-- No action of the list is enabled at `b1` in `s`, decided action by action under the
all-zero environment (sound when every action is scoped: `not_enabled_b1`). -/
noncomputable def noneEnabledB (s : State) : List Action → Bool
  | [] => true
  | a :: as =>
    (if guardsOk b1 s (fun _ => 0) a.guards then false else guardsScoped a.params a.guards) &&
      noneEnabledB s as

theorem exprScoped_sound (ps : List (Param × Dom)) (e : Expr) (h : exprScoped ps e = true)
    (p : Param) (hp : e.freeIn p = true) : inParams p ps = true := by
  unfold exprScoped at h
  simp only [Bool.and_eq_true, Bool.or_eq_true, Bool.not_eq_true'] at h
  obtain ⟨⟨⟨⟨⟨h1, h2⟩, h3⟩, h4⟩, h5⟩, h6⟩ := h
  cases p
  · exact h1.resolve_left (by simp [hp])
  · exact h2.resolve_left (by simp [hp])
  · exact h3.resolve_left (by simp [hp])
  · exact h4.resolve_left (by simp [hp])
  · exact h5.resolve_left (by simp [hp])
  · exact h6.resolve_left (by simp [hp])

/-- `eval` reads the environment only at the parameters free in the expression. -/
public theorem eval_env_congr (b : Bounds) (s : State) :
    ∀ (e : Expr) (env env' : Env), (∀ p, e.freeIn p = true → env p = env' p) →
      eval b s env e = eval b s env' e
  | .lit _, _, _, _ => rfl
  | .param q, env, env', h => by
    simp only [eval]; rw [h q (by simp [Expr.freeIn])]
  | .cell0 _, _, _, _ => rfl
  | .cell1 v i, env, env', h => by
    simp only [eval]; rw [eval_env_congr b s i env env' h]
  | .cell2 v i j, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s i env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s j env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .not a, env, env', h => by simp only [eval]; rw [eval_env_congr b s a env env' h]
  | .and a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .or a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .eq a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .ne a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .lt a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .le a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .add a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .sub a c, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .ite c a d, env, env', h => by
    simp only [eval]
    rw [eval_env_congr b s c env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s a env env' (fun p hp => h p (by simp [Expr.freeIn, hp])),
        eval_env_congr b s d env env' (fun p hp => h p (by simp [Expr.freeIn, hp]))]
  | .all q d body, env, env', h => by
    have hb : ∀ n : Nat, eval b s (env.upd q n) body = eval b s (env'.upd q n) body := by
      intro n
      apply eval_env_congr b s body
      intro p hp
      unfold Env.upd
      by_cases hpq : p = q
      · simp [hpq]
      · simp only [hpq, if_false]
        exact h p (by simp [Expr.freeIn, hp, Ne.symm hpq])
    simp only [eval, hb]
  | .any q d body, env, env', h => by
    have hb : ∀ n : Nat, eval b s (env.upd q n) body = eval b s (env'.upd q n) body := by
      intro n
      apply eval_env_congr b s body
      intro p hp
      unfold Env.upd
      by_cases hpq : p = q
      · simp [hpq]
      · simp only [hpq, if_false]
        exact h p (by simp [Expr.freeIn, hp, Ne.symm hpq])
    simp only [eval, hb]

/-- Guards that read only declared parameters agree on environments that agree there. -/
public theorem guardsOk_env_congr (b : Bounds) (s : State) (ps : List (Param × Dom))
    (env env' : Env) (h : ∀ p, inParams p ps = true → env p = env' p) :
    ∀ gs : List Guard, guardsScoped ps gs = true → guardsOk b s env gs = guardsOk b s env' gs
  | [], _ => rfl
  | gd :: gs, hs => by
    simp only [guardsScoped, Bool.and_eq_true] at hs
    simp only [guardsOk]
    rw [eval_env_congr b s gd.expr env env'
          (fun p hp => h p (exprScoped_sound ps gd.expr hs.1 p hp)),
        guardsOk_env_congr b s ps env env' h gs hs.2]

/-- At `b1` every domain is `{0}`: a binding in the domains is `0` at every declared parameter. -/
public theorem bindingOk_b1 (env : Env) :
    ∀ ps : List (Param × Dom), bindingOk b1 env ps = true → ∀ p, inParams p ps = true → env p = 0
  | [], _, p, hp => by simp [inParams] at hp
  | (q, d) :: ps, hb, p, hp => by
    simp only [bindingOk, Bool.and_eq_true] at hb
    simp only [inParams, Bool.or_eq_true, decide_eq_true_eq] at hp
    rcases hp with hq | hp
    · subst hq
      have hd := hb.1
      have h1 : b1.of d = 1 := by cases d <;> rfl
      simp only [inDom, h1, Bool.and_eq_true, decide_eq_true_eq] at hd
      omega
    · exact bindingOk_b1 env ps hb.2 p hp

theorem noneEnabledB_mem (s : State) :
    ∀ (acts : List Action), noneEnabledB s acts = true → ∀ a ∈ acts,
      guardsOk b1 s (fun _ => 0) a.guards = false ∧ guardsScoped a.params a.guards = true
  | [], _, a, ha => by simp at ha
  | a' :: as, h, a, ha => by
    simp only [noneEnabledB, Bool.and_eq_true] at h
    rcases List.mem_cons.mp ha with rfl | ha
    · cases hg : guardsOk b1 s (fun _ => 0) a.guards
      · rw [hg] at h; exact ⟨rfl, by simpa using h.1⟩
      · rw [hg] at h; simp at h
    · exact noneEnabledB_mem s as h.2 a ha

/-- **No rule of the list is enabled at `b1`** when `noneEnabledB` says so. -/
public theorem not_enabled_b1 (s : State) (acts : List Action) (h : noneEnabledB s acts = true) :
    ¬ Enabled b1 acts s := by
  rintro ⟨a, ha, env, hb, hs⟩
  obtain ⟨hg, hsc⟩ := noneEnabledB_mem s acts h a ha
  have hz := guardsOk_env_congr b1 s a.params env (fun _ => 0)
    (fun p hp => bindingOk_b1 env a.params hb p hp) a.guards hsc
  unfold step at hs
  rw [hz, hg] at hs
  simp at hs

end

end ElectricRace
