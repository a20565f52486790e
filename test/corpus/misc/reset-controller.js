const express = require('express');
const crypto = require('crypto');
const { Users } = require('./users');
const { sendResetMail } = require('./mail');

class PasswordResetController {
  pendingResets = new Map();
  ttlMs = 20 * 60 * 1000;

  request = async (req, res) => {
    const user = await Users.findByEmail(req.body.email);
    if (user) {
      const token = crypto.randomBytes(24).toString('hex');
      this.pendingResets.set(token, { userId: user.id, expiresAt: Date.now() + this.ttlMs });
      await sendResetMail(user.email, token);
    }
    res.status(202).json({ message: 'If the account exists, an email was sent.' });
  };

  confirm = async (req, res) => {
    const pending = this.pendingResets.get(req.body.token);
    if (!pending || pending.expiresAt < Date.now()) {
      return res.status(400).json({ error: 'invalid or expired token' });
    }
    this.pendingResets.delete(req.body.token);
    await Users.setPassword(pending.userId, req.body.password);
    res.sendStatus(204);
  };
}

const controller = new PasswordResetController();
const router = express.Router();

router.post('/password-reset', controller.request);
router.post('/password-reset/confirm', controller.confirm);

module.exports = router;
